namespace LlamaCode.DevTools.Bench;

/// <summary>Where the simulated user types: on a new line after <paramref name="AfterLine"/> (0-based), one character at a time.</summary>
public sealed record TypingSite(int AfterLine, string Typed);

/// <summary>One keystroke of the trace: the document after it, and the cursor (UTF-16 offset).</summary>
public sealed record TypingStep(int Site, int Keystroke, string Text, int Offset);

/// <summary>
/// A simulated editing session, as a pure function of a document and the sites typed at: the user opens a new
/// line (indented like the line above) after each site's line and types its text character by character;
/// later sites see the text typed at earlier ones.
/// </summary>
public static class TypingTrace
{
    public static IReadOnlyList<TypingStep> Build(string document, IReadOnlyList<TypingSite> sites)
    {
        var steps = new List<TypingStep>();
        var text = document;
        for (var s = 0; s < sites.Count; s++)
        {
            var site = sites[s];
            var lineEnd = EndOfLine(text, site.AfterLine);
            var indent = IndentOf(text, site.AfterLine);
            text = text.Insert(lineEnd, "\n" + indent);
            var cursor = lineEnd + 1 + indent.Length;
            for (var k = 0; k < site.Typed.Length; k++)
            {
                text = text.Insert(cursor, site.Typed[k].ToString());
                cursor++;
                steps.Add(new TypingStep(s, k, text, cursor));
            }
        }
        return steps;
    }

    private static int EndOfLine(string text, int line)
    {
        var pos = 0;
        for (var i = 0; i < line; i++)
        {
            var next = text.IndexOf('\n', pos);
            if (next < 0) throw new ArgumentOutOfRangeException(nameof(line), line, "the document has fewer lines");
            pos = next + 1;
        }
        var end = text.IndexOf('\n', pos);
        return end < 0 ? text.Length : end;
    }

    private static string IndentOf(string text, int line)
    {
        var start = line == 0 ? 0 : StartOfLine(text, line);
        var i = start;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        return text[start..i];
    }

    private static int StartOfLine(string text, int line) => EndOfLine(text, line - 1) + 1;
}
