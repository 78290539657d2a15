namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// A completion that only repeats the lines that already follow the cursor (ignoring indentation and blank lines)
/// adds nothing: drop it.
/// </summary>
public sealed class DropSuffixRepetition : ICompletionRule
{
    public string Apply(string completion, CursorContext context)
    {
        var inserted = SignificantLines(completion);
        if (inserted.Count == 0) return completion;
        var following = SignificantLinesOf(context.Suffix).Take(inserted.Count);
        return inserted.SequenceEqual(following) ? "" : completion;
    }

    private static List<string> SignificantLines(string text) => SignificantLinesOf(text).ToList();

    // Lazy, so that only as much of a long suffix is split as the completion has lines.
    private static IEnumerable<string> SignificantLinesOf(string text)
    {
        for (int start = 0; start <= text.Length;)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text[start..end].Trim();
            if (line.Length > 0) yield return line;
            start = end + 1;
        }
    }
}
