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
        if (!state.Lifecycle.NotificationAllowed || p.Text is null) return;
        if (state.Documents.Get(p.TextDocument.Uri) is { } doc) state.Documents.Open(doc.Uri, doc.Version, p.Text);
    }
}
