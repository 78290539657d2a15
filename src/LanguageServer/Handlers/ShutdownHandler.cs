using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

public sealed class ShutdownHandler(ServerState state)
{
    [JsonRpcMethod("shutdown")]
    public object? Handle()
    {
        state.Lifecycle.EnsureRequestAllowed();
        state.Lifecycle.MarkShutDown();
        return null;
    }
}
