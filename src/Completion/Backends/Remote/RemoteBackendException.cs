namespace LlamaCode.Completion.Backends.Remote;

/// <summary>
/// The inference server could not give a completion: unreachable, an error status, too slow, or a model without FIM
/// tokens. The message is one line, names the server and never holds the bearer token.
/// </summary>
public sealed class RemoteBackendException(string message, RemoteFailure failure, Exception? inner = null) : Exception(message, inner)
{
    public RemoteFailure Failure { get; } = failure;
}

public enum RemoteFailure { Unreachable, ServerError, RequestRejected, TimeBudget, ModelLacksFim, BadResponse }
