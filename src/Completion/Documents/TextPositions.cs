namespace LlamaCode.Completion.Documents;

/// <summary>What a column counts: UTF-16 code units (LSP's default, C# strings) or UTF-8 bytes.</summary>
public enum ColumnUnit { Utf16, Utf8 }

/// <summary>
/// Line/column ↔ offset in a text, with 0-based lines; "\r\n", "\n" and "\r" end lines. Offsets are UTF-16 indexes
/// into the string. One implementation serves the CLI (exact positions) and the language server (clamped positions).
/// </summary>
public static class TextPositions
{
    /// <summary>The offset of (line, column), or null when the line does not exist or the column is past its end or inside a character.</summary>
    public static int? TryOffset(string text, int line, int column, ColumnUnit unit = ColumnUnit.Utf16)
    {
        if (line < 0 || column < 0) return null;
        var start = LineStart(text, line);
        if (start is null) return null;
        var end = LineContentEnd(text, start.Value);
        var (offset, exact) = Advance(text, start.Value, end, column, unit);
        return exact ? offset : null;
    }

    /// <summary>
    /// The offset of (line, column), clamped as LSP asks: a line past the end means the end of the text, a column past
    /// the end of its line means the end of that line, and a column inside a character means that character's start.
    /// </summary>
    public static int ClampedOffset(string text, int line, int column, ColumnUnit unit)
    {
        if (line < 0) return 0;
        var start = LineStart(text, line);
        if (start is null) return text.Length;
        return Advance(text, start.Value, LineContentEnd(text, start.Value), Math.Max(0, column), unit).Offset;
    }

    /// <summary>The (line, column) of an offset (clamped to the text).</summary>
    public static (int Line, int Column) Position(string text, int offset, ColumnUnit unit)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 0, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        if (offset > 0 && offset < text.Length && text[offset - 1] == '\r' && text[offset] == '\n')
            offset--; // between \r and \n: the position is the end of the line
        return (line, unit == ColumnUnit.Utf16 ? offset - lineStart : Utf8Length(text, lineStart, offset));
    }

    private static int? LineStart(string text, int line)
    {
        var start = 0;
        for (var l = 0; l < line; l++)
        {
            var end = LineContentEnd(text, start);
            if (end == text.Length) return null;
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }
        return start;
    }

    private static int LineContentEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
        return i;
    }

    /// <summary>Moves <paramref name="column"/> units from <paramref name="start"/>, stopping at <paramref name="end"/>; exact when it lands on a character boundary inside the line.</summary>
    private static (int Offset, bool Exact) Advance(string text, int start, int end, int column, ColumnUnit unit)
    {
        var i = start;
        var units = 0;
        while (i < end && units < column)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = unit == ColumnUnit.Utf16 ? width : Utf8Length(text, i, i + width);
            if (units + size > column) return (i, false); // inside a character
            units += size;
            i += width;
        }
        return (i, units == column);
    }

    private static int Utf8Length(string text, int from, int to)
    {
        var bytes = 0;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < to && char.IsLowSurrogate(text[i + 1])) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }
}
