using LlamaCode.Completion.Retrieval;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

public sealed class DidChangeHandler(ServerState state)
{
    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidChangeTextDocumentParams p)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        if (!state.Documents.Change(p.TextDocument.Uri, p.TextDocument.Version, p.ContentChanges, state.ColumnUnit))
            state.Log.Warn($"didChange for a document that is not open: {p.TextDocument.Uri}");
        else if (state.Documents.Get(p.TextDocument.Uri) is { } doc)
            state.Workspace.DocumentChanged(doc.Uri, doc.Text, RecencyKind.Edited);
    }
}
