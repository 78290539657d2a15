using System.Text;

namespace LlamaCode.Review;

/// <summary>
/// The base text of a file from its new text and its hunks: each hunk's new side is checked against the text and
/// replaced by its old side. Returns null when a hunk does not apply (the file on disk is not the diff's new side).
/// </summary>
public static class DiffReversal
{
    public static string? TryReconstructBase(string newText, FileChange change)
    {
        var lines = SplitLines(newText);
        var lineBreak = newText.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var result = new StringBuilder(newText.Length);
        int next = 0; // index of the next new-side line not yet copied
        bool endsWithBreak = newText.Length == 0 || newText.EndsWith('\n');
        foreach (var hunk in change.Hunks.OrderBy(h => h.NewStart))
        {
            // "+0,0" (an empty new side) starts before line 1.
            int at = hunk.NewCount == 0 ? hunk.NewStart : hunk.NewStart - 1;
            if (at < next || at > lines.Count) return null;
            for (; next < at; next++) Append(lines[next], true);
            foreach (var line in hunk.Lines)
            {
                if (line.Kind != '-')
                {
                    if (next >= lines.Count || lines[next] != line.Text) return null;
                    next++;
                }
                if (line.Kind != '+') Append(line.Text, !line.NoNewlineAtEnd);
            }
        }
        for (; next < lines.Count; next++) Append(lines[next], next < lines.Count - 1 || endsWithBreak);
        return result.ToString();

        void Append(string text, bool withBreak)
        {
            result.Append(text);
            if (withBreak) result.Append(lineBreak);
        }
    }

    /// <summary>The lines of <paramref name="text"/> without their breaks ("\r\n" or "\n"); no empty line after a final break.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        if (text.Length == 0) return [];
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
