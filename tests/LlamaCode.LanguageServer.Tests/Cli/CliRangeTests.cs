using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.LanguageServer.Tests.Cli;

public class CliRangeTests
{
    [Theory]
    [InlineData("3:5-7:1", 3, 5, 7, 1)]
    [InlineData("1:1-1:2", 1, 1, 1, 2)]
    public void Parses_one_based_ranges(string text, int l1, int c1, int l2, int c2) =>
        Assert.Equal(((l1, c1), (l2, c2)), CliRange.Parse(text));

    [Theory]
    [InlineData("3:5")]
    [InlineData("0:1-2:1")]
    [InlineData("a:b-c:d")]
    [InlineData("1:1-2:1-3:1")]
    public void Refuses_anything_else(string text) => Assert.Null(CliRange.Parse(text));
}
