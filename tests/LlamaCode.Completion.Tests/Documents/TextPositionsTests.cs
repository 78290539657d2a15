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
    [InlineData("😀x\ny", 0, 2, 2)]       // columns count UTF-16 code units
    [InlineData("ab\ncd", 0, 3, null)]   // past the end of the line
    [InlineData("ab\ncd", 2, 0, null)]   // no such line
    [InlineData("ab", -1, 0, null)]
    public void Converts_line_and_column_to_an_offset(string text, int line, int column, int? expected) =>
        Assert.Equal(expected, TextPositions.TryOffset(text, line, column));
}
