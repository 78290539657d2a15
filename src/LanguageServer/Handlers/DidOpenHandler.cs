using LlamaCode.Completion.Retrieval;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

public sealed class DidOpenHandler(ServerState state)
{
    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidOpenTextDocumentParams p)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        state.Documents.Open(p.TextDocument.Uri, p.TextDocument.Version, p.TextDocument.Text);
        state.Workspace.DocumentChanged(p.TextDocument.Uri, p.TextDocument.Text, RecencyKind.Opened);
    }
}
