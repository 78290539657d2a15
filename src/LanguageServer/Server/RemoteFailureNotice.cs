using LlamaCode.Completion.Backends.Remote;
using LlamaCode.LanguageServer.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// Tells the user about an inference server that fails: each new reason in the log, one window/showMessage per outage
/// (not one per keystroke), and a log line when it answers again.
/// </summary>
public sealed class RemoteFailureNotice(ServerLog log, IClientChannel client)
{
    private string? _failing;

    public async Task ReportAsync(RemoteBackendException failure)
    {
        var first = _failing is null;
        if (failure.Message != _failing) log.Error(failure.Message);
        _failing = failure.Message;
        if (first) await client.ShowAsync(MessageType.Error, $"LlamaCode: {failure.Message}").ConfigureAwait(false);
    }

    public void Succeeded()
    {
        if (_failing is null) return;
        _failing = null;
        log.Info("the inference server answers again");
    }
}
