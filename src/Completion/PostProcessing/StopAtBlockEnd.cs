namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// Cuts a completion where it closes the block the cursor is in: a completion inside a method body ends with that
/// body, instead of running on into the next member. Braces inside strings, characters and comments do not count.
/// </summary>
public static class StopAtBlockEnd
{
    public static string Apply(string completion)
    {
        var depth = 0;
        var i = 0;
        while (i < completion.Length)
        {
            var c = completion[i];
            if (c == '/' && Next(completion, i) == '/') { i = SkipTo(completion, i, "\n"); continue; }
            if (c == '/' && Next(completion, i) == '*') { i = SkipTo(completion, i + 2, "*/"); continue; }
            if (c == '@' && Next(completion, i) == '"') { i = SkipVerbatim(completion, i + 2); continue; }
            if (c is '"' or '\'') { i = SkipQuoted(completion, i + 1, c); continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth < 0) return CutBefore(completion, i);
            i++;
        }
        return completion;
    }

    /// <summary>The text before the closing brace, without the whitespace (and line break) that led up to it.</summary>
    private static string CutBefore(string completion, int brace) => completion[..brace].TrimEnd();

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static int SkipTo(string s, int from, string end)
    {
        var at = s.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? s.Length : at + end.Length;
    }

    private static int SkipQuoted(string s, int i, char quote)
    {
        while (i < s.Length && s[i] != quote && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, s.Length);
    }

    private static int SkipVerbatim(string s, int i)
    {
        while (i < s.Length)
        {
            if (s[i] == '"' && Next(s, i) == '"') i += 2;
            else if (s[i] == '"') return i + 1;
            else i++;
        }
        return s.Length;
    }
}
