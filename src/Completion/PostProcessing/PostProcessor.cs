namespace LlamaCode.Completion.PostProcessing;

/// <summary>Runs post-processing rules in order; an empty completion ends the pipeline.</summary>
public static class PostProcessor
{
    /// <summary>
    /// The default order: shape (one line or up to the block end) first, then remove what the document already has
    /// after the cursor, then clean-up, then (C#) cut what adds syntax errors, and finally drop what is left if it adds
    /// nothing.
    /// </summary>
    public static IReadOnlyList<ICompletionRule> DefaultRules(bool stopAtBlockEnd = true) =>
    [
        new SingleLineWhenMidLine(),
        .. stopAtBlockEnd ? [new StopAtBlockEnd()] : Array.Empty<ICompletionRule>(),
        new TrimSuffixOverlap(),
        new TrimTrailingWhitespace(),
        new DropAddedSyntaxErrors(),
        new DropSuffixRepetition(),
        new DropWhitespaceOnly(),
    ];

    public static string Apply(IEnumerable<ICompletionRule> rules, string completion, CursorContext context)
    {
        foreach (var rule in rules)
        {
            if (completion.Length == 0) break;
            completion = rule.Apply(completion, context);
        }
        return completion;
    }
}
