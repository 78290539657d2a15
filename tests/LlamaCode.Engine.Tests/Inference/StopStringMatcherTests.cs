using LlamaCode.Engine.Inference;

namespace LlamaCode.Engine.Tests.Inference;

public class StopStringMatcherTests
{
    [Theory]
    // pieces separated by '|', expected emitted text, stopped?
    [InlineData("abc|def", "\n\n", "abcdef", false)]
    [InlineData("ab\n|\ncd", "\n\n", "ab", true)]               // stop split across pieces
    [InlineData("x}|\n", "}\n", "x", true)]
    [InlineData("a<|E|x", "<EOT>", "a<Ex", false)]              // a held-back partial match is released when it fails
    [InlineData("one|two|END|three", "END", "onetwo", true)]
    [InlineData("aEN", "END", "aEN", false)]                    // flushed at the end
    public void Emits_text_before_the_first_stop(string pieces, string stop, string expected, bool stopped)
    {
        var matcher = new StopStringMatcher([stop]);
        var output = string.Concat(pieces.Split('|').Select(matcher.Push)) + matcher.Flush();
        Assert.Equal(expected, output);
        Assert.Equal(stopped, matcher.Stopped);
    }

    [Fact]
    public void The_earliest_of_several_stops_wins()
    {
        var matcher = new StopStringMatcher(["zz", "b"]);
        Assert.Equal("a", matcher.Push("abzz"));
    }
}
