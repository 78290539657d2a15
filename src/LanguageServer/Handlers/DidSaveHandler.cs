using LlamaCode.Completion.Retrieval;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>Saving changes no text we track (sync is incremental); with text included, it is taken as the truth.</summary>
public sealed class DidSaveHandler(ServerState state)
{
    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidSaveTextDocumentParams p)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        if (state.Documents.Get(p.TextDocument.Uri) is not { } doc) return;
        if (p.Text is not null) state.Documents.Open(doc.Uri, doc.Version, p.Text);
        state.Workspace.DocumentChanged(doc.Uri, p.Text ?? doc.Text, RecencyKind.Edited);
    }
}
