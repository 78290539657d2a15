using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>Token budgets for the prefix and the suffix of a prompt; what one part leaves unused the other may take.</summary>
public readonly record struct PromptBudget(int Prefix, int Suffix)
{
    /// <summary>The prefix gets three quarters: the lines just before the cursor matter most.</summary>
    public const double PrefixShare = 0.75;

    public int Total => Prefix + Suffix;

    public static PromptBudget Split(int total)
    {
        if (total <= 0) throw new ArgumentOutOfRangeException(nameof(total), total, "the context leaves no room for a prompt; raise the context size or lower max tokens");
        var prefix = (int)(total * PrefixShare);
        return new PromptBudget(prefix, total - prefix);
    }

    /// <summary>
    /// Cuts the prefix from its start and the suffix from its end, a line at a time, keeping the lines nearest the
    /// cursor, until both fit. The cursor's own line is cut at a character boundary only when it alone is too long.
    /// </summary>
    public static (string Prefix, Token[] PrefixTokens, string Suffix, Token[] SuffixTokens) Fit(
        string prefix, string suffix, PromptBudget budget, Func<string, Token[]> tokenizePrefix, Func<string, Token[]> tokenizeSuffix)
    {
        var prefixTokens = tokenizePrefix(prefix);
        var suffixTokens = tokenizeSuffix(suffix);
        if (prefixTokens.Length + suffixTokens.Length <= budget.Total) return (prefix, prefixTokens, suffix, suffixTokens);

        // Give each part its share, plus what the other does not need.
        var suffixLimit = Math.Max(budget.Suffix, budget.Total - prefixTokens.Length);
        if (suffixTokens.Length > suffixLimit)
        {
            var ends = LineStarts(suffix).Skip(1).Append(suffix.Length).Reverse().ToArray();
            var whole = suffix;
            (suffix, suffixTokens) = LongestFitting(ends.Length, i => whole[..ends[i]], suffixLimit, tokenizeSuffix, keepEnd: false);
        }
        var prefixLimit = budget.Total - suffixTokens.Length;
        if (prefixTokens.Length > prefixLimit)
        {
            var starts = LineStarts(prefix).ToArray();
            var whole = prefix;
            (prefix, prefixTokens) = LongestFitting(starts.Length, i => whole[starts[i]..], prefixLimit, tokenizePrefix, keepEnd: true);
        }
        return (prefix, prefixTokens, suffix, suffixTokens);
    }

    /// <summary>
    /// Of the <paramref name="count"/> candidates (longest first, each a whole-line cut, made on demand), the longest whose tokens fit, found by
    /// binary search (tokenizing is the cost). When even the shortest does not fit, its far end is cut by characters.
    /// </summary>
    private static (string Text, Token[] Tokens) LongestFitting(int count, Func<int, string> candidate, int limit, Func<string, Token[]> tokenize, bool keepEnd)
    {
        int lo = 0, hi = count - 1;
        (string, Token[])? best = null;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var text = candidate(mid);
            var tokens = tokenize(text);
            if (tokens.Length <= limit) { best = (text, tokens); hi = mid - 1; }
            else lo = mid + 1;
        }
        if (best is { } found) return found;

        // The line next to the cursor alone is too long: keep as many of its characters next to the cursor as fit.
        var line = candidate(count - 1);
        while (line.Length > 0)
        {
            line = keepEnd ? line[(line.Length / 4 + 1)..] : line[..(line.Length * 3 / 4)];
            var tokens = tokenize(line);
            if (tokens.Length <= limit) return (line, tokens);
        }
        return (string.Empty, []);
    }

    /// <summary>Offsets where lines start: 0 and after every '\n' that is not the last character.</summary>
    private static IEnumerable<int> LineStarts(string text)
    {
        yield return 0;
        for (var i = 0; i < text.Length - 1; i++)
            if (text[i] == '\n') yield return i + 1;
    }
}
