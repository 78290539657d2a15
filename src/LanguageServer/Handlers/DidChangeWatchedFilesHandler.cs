using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>workspace/didChangeWatchedFiles: files created, changed or deleted outside the editor update the index.</summary>
public sealed class DidChangeWatchedFilesHandler(ServerState state)
{
    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidChangeWatchedFilesParams p)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        // A file open in the editor is kept as the editor has it (unsaved edits win over the disk).
        foreach (var change in p.Changes ?? [])
            if (state.Documents.Get(change.Uri) is null) state.Workspace.FileChanged(change.Uri);
    }
}
