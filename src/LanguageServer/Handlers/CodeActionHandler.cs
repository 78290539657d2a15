using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>textDocument/codeAction: "Explain selection" whenever the selection is not empty.</summary>
public sealed class CodeActionHandler(ServerState state)
{
    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public CodeAction[] Handle(CodeActionParams p)
    {
        state.Lifecycle.EnsureRequestAllowed();
        if (p.Range.Start == p.Range.End || state.Documents.Get(p.TextDocument.Uri) is null) return [];
        return [new CodeAction("Explain selection (LlamaCode)", "", new Command("Explain selection", ExplainSelectionCommand.Name,
            [new ExplainSelectionArguments(p.TextDocument.Uri, p.Range)]))];
    }
}
