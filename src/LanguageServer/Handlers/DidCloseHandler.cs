using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

public sealed class DidCloseHandler(ServerState state)
{
    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidCloseTextDocumentParams p)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        state.Documents.Close(p.TextDocument.Uri);
    }
}
