namespace LlamaCode.Completion.Documents;

/// <summary>Line/column ↔ offset in a text (0-based lines, UTF-16 columns); "\r\n", "\n" and "\r" end lines.</summary>
public static class TextPositions
{
    /// <summary>The UTF-16 offset of (line, column), or null when the line does not exist or the column is past its end.</summary>
    public static int? TryOffset(string text, int line, int column)
    {
        if (line < 0 || column < 0) return null;
        var start = 0;
        for (var l = 0; l < line; l++)
        {
            var end = LineContentEnd(text, start);
            if (end == text.Length) return null;
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }
        var lineEnd = LineContentEnd(text, start);
        return start + column <= lineEnd ? start + column : null;
    }

    private static int LineContentEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
        return i;
    }
}
