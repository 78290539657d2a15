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
        // LSP requires text in every change; applying a change without it would delete its range (or the document).
        if (p.ContentChanges is null || p.ContentChanges.Any(c => c is null || c.Text is null))
        {
            state.Log.Warn($"didChange without text in a change, ignored: {p.TextDocument?.Uri}");
            return;
        }
        if (!state.Documents.Change(p.TextDocument.Uri, p.TextDocument.Version, p.ContentChanges, state.ColumnUnit))
            state.Log.Warn($"didChange for a document that is not open: {p.TextDocument.Uri}");
        else if (state.Documents.Get(p.TextDocument.Uri) is { } doc)
            state.Workspace.DocumentChanged(doc.Uri, doc.Text, RecencyKind.Edited);
    }
}
