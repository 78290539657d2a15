using System.Text;

namespace LlamaCode.Completion.Tests.Review;

/// <summary>
/// Writes the unified diff of two texts for tests: one hunk around the lines between their common first and last lines,
/// with up to 3 lines of context (what diff -u writes for a change in one place).
/// </summary>
public static class LineDiff
{
    public static string Unified(string path, string oldText, string newText)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        int prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        int start = Math.Max(0, prefix - 3);
        int oldEnd = Math.Min(a.Count, a.Count - suffix + 3), newEnd = Math.Min(b.Count, b.Count - suffix + 3);
        var diff = new StringBuilder($"--- a/{path}\n+++ b/{path}\n");
        int oldCount = oldEnd - start, newCount = newEnd - start;
        diff.Append($"@@ -{(oldCount == 0 ? start : start + 1)},{oldCount} +{(newCount == 0 ? start : start + 1)},{newCount} @@\n");
        for (int i = start; i < prefix; i++) Line(' ', a[i]);
        for (int i = prefix; i < a.Count - suffix; i++) Line('-', a[i]);
        for (int i = prefix; i < b.Count - suffix; i++) Line('+', b[i]);
        for (int i = a.Count - suffix; i < oldEnd; i++) Line(' ', a[i]);
        return diff.ToString();

        void Line(char kind, (string Text, bool Break) line)
        {
            diff.Append(kind).Append(line.Text).Append('\n');
            if (!line.Break) diff.Append("\\ No newline at end of file\n");
        }
    }

    private static List<(string Text, bool Break)> Lines(string text)
    {
        var lines = new List<(string, bool)>();
        int at = 0;
        while (at < text.Length)
        {
            var end = text.IndexOf('\n', at);
            if (end < 0) { lines.Add((text[at..], false)); break; }
            lines.Add((text[at..end].TrimEnd('\r'), true));
            at = end + 1;
        }
        return lines;
    }
}
