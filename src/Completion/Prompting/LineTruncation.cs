using System.Text;
using System.Text.Unicode;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Shortens the prefix (keeping its end) or the suffix (keeping its start) to a token budget at line boundaries,
/// so that the lines nearest the cursor stay. Only the cursor's own line may be cut inside, at a token boundary,
/// when even it alone does not fit.
/// </summary>
internal static class LineTruncation
{
    /// <summary>The longest end of <paramref name="text"/> that fits in <paramref name="maxTokens"/>.</summary>
    public static string KeepEnd(string text, int maxTokens, PromptTextEncoder encoder, bool atStart)
    {
        if (maxTokens <= 0 || text.Length == 0) return "";
        if (encoder.Encode(text, atStart).Length <= maxTokens) return text;

        var lines = SplitLines(text);
        int first = FirstLineThatFits(lines, maxTokens, encoder, fromEnd: true);
        for (; first < lines.Count; first++)
        {
            var kept = string.Concat(lines.Skip(first));
            if (encoder.Encode(kept, atStart).Length <= maxTokens) return kept;
        }
        return CutCursorLine(lines[^1], maxTokens, encoder, atStart, keepEnd: true);
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="maxTokens"/>.</summary>
    public static string KeepStart(string text, int maxTokens, PromptTextEncoder encoder)
    {
        if (maxTokens <= 0 || text.Length == 0) return "";
        if (encoder.EncodeContinuation(text).Length <= maxTokens) return text;

        var lines = SplitLines(text);
        int count = lines.Count - FirstLineThatFits(lines, maxTokens, encoder, fromEnd: false);
        for (; count > 0; count--)
        {
            var kept = string.Concat(lines.Take(count));
            if (encoder.EncodeContinuation(kept).Length <= maxTokens) return kept;
        }
        return CutCursorLine(lines[0], maxTokens, encoder, atStart: false, keepEnd: false);
    }

    /// <summary>A cheap cut by characters before tokenizing: at most <paramref name="maxChars"/> from the end, whole lines where possible.</summary>
    public static string KeepEndChars(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        int start = text.Length - maxChars;
        int lineStart = text.IndexOf('\n', start);
        if (lineStart >= 0 && lineStart + 1 < text.Length) return text[(lineStart + 1)..];
        if (char.IsLowSurrogate(text[start])) start++;
        return text[start..];
    }

    /// <summary>A cheap cut by characters before tokenizing: at most <paramref name="maxChars"/> from the start, whole lines where possible.</summary>
    public static string KeepStartChars(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        int lineEnd = maxChars == 0 ? -1 : text.LastIndexOf('\n', maxChars - 1);
        if (lineEnd >= 0) return text[..(lineEnd + 1)];
        int end = maxChars;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }

    /// <summary>Lines, each with its line break; the last one (possibly empty) has none.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', start))
        {
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        lines.Add(text[start..]);
        return lines;
    }

    // An estimate from per-line token counts; the callers confirm it by tokenizing the joined lines.
    // Returns the index of the first kept line (from the end) or, from the start, lines.Count minus the kept count.
    private static int FirstLineThatFits(List<string> lines, int maxTokens, PromptTextEncoder encoder, bool fromEnd)
    {
        int used = 0, kept = 0;
        for (int k = 0; k < lines.Count; k++)
        {
            var line = lines[fromEnd ? lines.Count - 1 - k : k];
            used += encoder.EncodeContinuation(line).Length;
            if (used > maxTokens) break;
            kept++;
        }
        return lines.Count - kept;
    }

    private static string CutCursorLine(string line, int maxTokens, PromptTextEncoder encoder, bool atStart, bool keepEnd)
    {
        var tokens = encoder.EncodeContinuation(line);
        int keep = Math.Min(maxTokens, tokens.Length);
        while (keep > 0)
        {
            ReadOnlySpan<Token> part = keepEnd ? tokens.AsSpan(tokens.Length - keep) : tokens.AsSpan(0, keep);
            var bytes = encoder.Bytes(part);
            if (!Utf8.IsValid(bytes))
            {
                keep--; // a byte-fallback token split a character; move the cut to a character boundary
                continue;
            }
            var text = Encoding.UTF8.GetString(bytes);
            int count = encoder.Encode(text, atStart).Length;
            if (count <= maxTokens) return text;
            keep -= Math.Max(1, count - maxTokens);
        }
        return "";
    }
}
