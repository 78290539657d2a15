using LlamaCode.DevTools.Bench;

namespace LlamaCode.LanguageServer.Tests.Cli;

public class TypingTraceTests
{
    [Fact]
    public void Types_one_character_at_a_time_on_a_new_indented_line()
    {
        var steps = TypingTrace.Build("a\n    b\nc", [new TypingSite(1, "xy")]);
        Assert.Equal(
            [("a\n    b\n    x\nc", 13), ("a\n    b\n    xy\nc", 14)],
            steps.Select(s => (s.Text, s.Offset)));
    }

    [Fact]
    public void Later_sites_see_earlier_typing()
    {
        var steps = TypingTrace.Build("a\nb", [new TypingSite(1, "1"), new TypingSite(0, "2")]);
        Assert.Equal("a\n2\nb\n1", steps[^1].Text);
        Assert.Equal(3, steps[^1].Offset);
        Assert.Equal([0, 1], steps.Select(s => s.Site));
    }

    [Fact]
    public void A_site_past_the_end_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TypingTrace.Build("a", [new TypingSite(3, "x")]));
}
