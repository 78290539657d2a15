using LlamaCode.Completion.Context;

namespace LlamaCode.DevTools.Evaluation;

/// <summary>The context sources `bench context` compares, by name: each alone, the baseline, and what completion uses.</summary>
public static class ContextSources
{
    /// <summary>What completion uses (<see cref="WorkspaceContext.Default"/>): compiler stubs, then index snippets.</summary>
    public const string Default = "symbols+bm25";

    public static readonly IReadOnlyList<string> Names = ["jaccard", "bm25", "symbols", Default];

    public static IContextSource Named(WorkspaceContext context, string name) => name switch
    {
        "symbols" => new SymbolContextSource(context.Symbols),
        "bm25" => new IndexContextSource(context.Index),
        "jaccard" => new JaccardContextSource(context.Index),
        Default => context.Default,
        _ => throw new ArgumentException($"unknown context source '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };
}
