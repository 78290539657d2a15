using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

public class DiffReversalTests
{
    [Theory]
    [InlineData("a\nb\nc\nd\ne\n", "a\nB\nB2\nc\nd\n", "\n")]          // replace, insert, delete at the end
    [InlineData("a\r\nb\r\nc\r\n", "x\r\na\r\nc\r\n", "\r\n")]       // CRLF kept
    [InlineData("a\nb", "a\nb\nc", "\n")]                              // no newline at the end, on both sides
    [InlineData("", "new\n", "\n")]                                    // the file was empty
    public void Reversing_the_hunks_of_a_diff_gives_back_the_base(string baseText, string newText, string _)
    {
        var change = Assert.Single(UnifiedDiffParser.Parse(LineDiff.Unified("f.cs", baseText, newText)));

        Assert.Equal(baseText, DiffReversal.TryReconstructBase(newText, change));
    }

    [Fact]
    public void A_diff_that_does_not_match_the_file_on_disk_gives_no_base()
    {
        var change = Assert.Single(UnifiedDiffParser.Parse(LineDiff.Unified("f.cs", "a\nb\n", "a\nc\n")));

        Assert.Null(DiffReversal.TryReconstructBase("a\nsomething else\n", change));
    }
}
