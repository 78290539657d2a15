using LlamaCode.Completion.Documents;

namespace LlamaCode.Completion.Tests.Documents;

public class TextPositionsTests
{
    [Theory]
    [InlineData("ab\ncd", 0, 0, 0)]
    [InlineData("ab\ncd", 0, 2, 2)]      // end of a line
    [InlineData("ab\ncd", 1, 1, 4)]
    [InlineData("ab\r\ncd", 1, 0, 4)]    // CRLF is one line break
    [InlineData("ab\rcd", 1, 2, 5)]      // so is a lone CR
    [InlineData("ab\n", 1, 0, 3)]        // the empty last line
    [InlineData("ab", 0, 2, 2)]          // a last line without newline
    [InlineData("😀x\ny", 0, 2, 2)]       // a surrogate pair is two UTF-16 units
    [InlineData("😀x\ny", 0, 1, null)]    // inside the pair
    [InlineData("ab\ncd", 0, 3, null)]   // past the end of the line
    [InlineData("ab\ncd", 2, 0, null)]   // no such line
    [InlineData("ab", -1, 0, null)]
    public void Utf16_positions_are_exact(string text, int line, int column, int? expected) =>
        Assert.Equal(expected, TextPositions.TryOffset(text, line, column));

    [Theory]
    [InlineData("aé😀b", 0, 1, 1)]
    [InlineData("aé😀b", 0, 3, 2)]       // é is 2 bytes
    [InlineData("aé😀b", 0, 7, 4)]       // 😀 is 4 bytes and 2 UTF-16 units
    [InlineData("aé😀b", 0, 8, 5)]
    [InlineData("aé😀b", 0, 5, null)]    // inside 😀
    [InlineData("x\r\n€y", 1, 3, 4)]     // € is 3 bytes
    public void Utf8_positions_are_exact(string text, int line, int column, int? expected) =>
        Assert.Equal(expected, TextPositions.TryOffset(text, line, column, ColumnUnit.Utf8));

    [Theory]
    [InlineData("ab\ncd", 0, 99, ColumnUnit.Utf16, 2)]   // past the line end: the line end
    [InlineData("ab\ncd", 9, 0, ColumnUnit.Utf16, 5)]    // past the last line: the end of the text
    [InlineData("ab\r\ncd", 0, 99, ColumnUnit.Utf16, 2)] // never between \r and \n
    [InlineData("😀", 0, 1, ColumnUnit.Utf16, 0)]         // inside a pair: its start
    [InlineData("😀", 0, 3, ColumnUnit.Utf8, 0)]
    [InlineData("ab", -1, 5, ColumnUnit.Utf16, 0)]
    public void Out_of_range_positions_clamp(string text, int line, int column, ColumnUnit unit, int expected) =>
        Assert.Equal(expected, TextPositions.ClampedOffset(text, line, column, unit));

    [Theory]
    [InlineData("ab\ncd", 4, ColumnUnit.Utf16, 1, 1)]
    [InlineData("ab\r\ncd", 4, ColumnUnit.Utf16, 1, 0)]
    [InlineData("ab\r\ncd", 3, ColumnUnit.Utf16, 0, 2)] // between \r and \n: the line end
    [InlineData("a😀\nb", 3, ColumnUnit.Utf16, 0, 3)]
    [InlineData("a😀\nb", 3, ColumnUnit.Utf8, 0, 5)]
    [InlineData("x\ry", 2, ColumnUnit.Utf8, 1, 0)]
    public void Offsets_convert_back_to_positions(string text, int offset, ColumnUnit unit, int line, int column) =>
        Assert.Equal((line, column), TextPositions.Position(text, offset, unit));
}
