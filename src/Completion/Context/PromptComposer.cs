using System.Diagnostics;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Context;

/// <summary>One piece of a prompt and where it came from: kind "prefix", "suffix", "snippet" or "symbols".</summary>
public sealed record PromptSegment(string Kind, string Path, string Text)
{
    public const string PrefixKind = "prefix";
    public const string SuffixKind = "suffix";
}

/// <summary>A FIM prompt with its pieces in prompt order, and how long finding the context took.</summary>
public sealed record ComposedPrompt(FimPrompt Fim, IReadOnlyList<PromptSegment> Segments, string Text, TimeSpan ContextTime);

/// <summary>
/// The one path from a cursor to a prompt, shared by the completion server, <c>llamacode complete</c> and
/// <c>llamacode prompt</c>: retrieve context for the cursor, then build the FIM prompt within the token budget.
/// </summary>
public sealed class PromptComposer(ITokenizer tokenizer, IContextSource? context)
{
    public ITokenizer Tokenizer => tokenizer;
    public IContextSource? Context => context;

    public async Task<ComposedPrompt> ComposeAsync(ContextQuery query, FimLayout layout, TokenBudget budget, CancellationToken cancellationToken)
    {
        if (query.Offset < 0 || query.Offset > query.Text.Length)
            throw new ArgumentOutOfRangeException(nameof(query), query.Offset, $"the cursor offset is outside the document (0..{query.Text.Length})");
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<ContextBlock> blocks = [];
        if (context is not null && (budget.MaxContextTokens ?? 1) > 0 && budget.ContextShare > 0)
            blocks = await context.RetrieveAsync(query with { ContextCharsHint = ContextCharsHint(budget) }, cancellationToken).ConfigureAwait(false);
        var contextTime = Stopwatch.GetElapsedTime(started);
        var fim = FimPromptBuilder.Build(tokenizer, layout, query.Prefix, query.Suffix, budget, blocks, query.RelativePath);
        return new ComposedPrompt(fim, Segments(fim, query.RelativePath), tokenizer.Detokenize(fim.Tokens, renderSpecial: true), contextTime);
    }

    // Code takes 3 to 4 characters per token; blocks may be skipped for not fitting, so prepare some more.
    private static int ContextCharsHint(TokenBudget budget) =>
        (int)Math.Min(int.MaxValue / 2, (long)(budget.MaxContextTokens ?? (int)(budget.PromptTokens * budget.ContextShare)) * 6);

    /// <summary>The prompt's pieces in prompt order, with the path each came from.</summary>
    internal static IReadOnlyList<PromptSegment> Segments(FimPrompt fim, string path)
    {
        var comment = CommentSyntax.ForPath(path);
        var context = fim.Context.Select(b => new PromptSegment(b.Kind, b.Path, b.Render(comment)));
        var prefix = new PromptSegment(PromptSegment.PrefixKind, path, fim.Prefix);
        var suffix = new PromptSegment(PromptSegment.SuffixKind, path, fim.Suffix);
        return fim.Layout == FimLayout.Spm
            ? [suffix, .. context, prefix]
            : [.. context, prefix, suffix];
    }
}
