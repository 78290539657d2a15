using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>Ends the process: exit code 0 after shutdown, 1 without.</summary>
public sealed class ExitHandler(ServerState state)
{
    [JsonRpcMethod("exit")]
    public void Handle() => state.Lifecycle.Exit();
}
