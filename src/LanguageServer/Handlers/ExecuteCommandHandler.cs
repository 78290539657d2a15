using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>workspace/executeCommand: the server's commands, by name.</summary>
public sealed class ExecuteCommandHandler(ServerState state)
{
    [JsonRpcMethod("workspace/executeCommand", UseSingleObjectParameterDeserialization = true)]
    public async Task<object?> Handle(ExecuteCommandParams p, CancellationToken cancellationToken)
    {
        state.Lifecycle.EnsureRequestAllowed();
        return p.Command switch
        {
            ExplainSelectionCommand.Name => await ExplainSelectionCommand.RunAsync(state, p.Arguments, p.WorkDoneToken, cancellationToken),
            _ => throw Lifecycle.Error(ErrorCodes.InvalidParams, $"unknown command '{p.Command}'"),
        };
    }
}
