using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Prompting;

namespace LlamaCode.Completion.Context;

/// <summary>Roslyn type stubs (C# only), one block per type, with the type's declaring path.</summary>
public sealed class SymbolContextSource(CSharpSymbolContext symbols) : IContextSource
{
    public string Name => "symbols";

    public async Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
    {
        var stubs = await symbols.CollectAsync(query.RelativePath, query.Text, query.Offset, cancellationToken, query.ContextCharsHint).ConfigureAwait(false);
        return stubs.Select(s => new ContextBlock(s.Path, s.Text, s.Stability, ContextBlock.SymbolsKind)).ToList();
    }

    public bool IsFillingIn(string relativePath) => symbols.IsCompiling(relativePath);
}
