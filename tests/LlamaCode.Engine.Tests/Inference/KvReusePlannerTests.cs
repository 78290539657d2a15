using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Inference;

/// <summary>Which slot serves a prompt and what of its cache stays: slots are written as token lists "1 2 3", last-used clock after '@'.</summary>
public class KvReusePlannerTests
{
    [Theory]
    //        prompt          slots                                  minReuse  slot keep
    [InlineData("1 2 3 4 5",  new[] { "@0" },                           2,      0, 0)] // cold: empty slot
    [InlineData("1 2 3 4 5",  new[] { "1 2 3@1" },                      2,      0, 3)] // extends the cached prompt
    [InlineData("1 2 3 4 5",  new[] { "1 2 3 4 5@1" },                  2,      0, 4)] // identical: the last token is decoded again for its logits
    [InlineData("1 2 3 9 9",  new[] { "1 2 3 4 5@1" },                  2,      0, 3)] // edit mid-prompt: keep up to the edit
    [InlineData("1 2 3 4 5",  new[] { "1 9@5", "1 2 3 4@1" },           2,      1, 4)] // longest prefix wins over recency
    [InlineData("1 2 7 7 7",  new[] { "1 2 3@5", "@0" },                3,      1, 0)] // short shared start: use the empty slot, keep the other cache
    [InlineData("1 2 7 7 7",  new[] { "1 2 3@5", "1 2 4@2" },           3,      1, 2)] // no empty slot: least recently used
    [InlineData("1 2 7 7 7",  new[] { "1 2 3@5", "1 2 4@2" },           2,      0, 2)] // at the threshold: reuse the best (most recent on a tie)
    [InlineData("5",          new[] { "5 6@1" },                        2,      0, 0)] // one-token prompt: nothing can be kept
    public void Plans(string prompt, string[] slots, int minReuse, int expectedSlot, int expectedKeep)
    {
        var plan = KvReusePlanner.Plan(Tokens(prompt), slots.Select(Slot).ToArray(), minReuse);
        Assert.Equal(new KvPlan(expectedSlot, expectedKeep), plan);
    }

    [Fact]
    public void An_empty_prompt_is_refused() =>
        Assert.Throws<ArgumentException>(() => KvReusePlanner.Plan([], [Slot("@0")], 2));

    private static Token[] Tokens(string s) =>
        s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => new Token(int.Parse(x))).ToArray();

    private static SlotView Slot(string s)
    {
        var at = s.IndexOf('@');
        return new SlotView(Tokens(s[..at]), long.Parse(s[(at + 1)..]));
    }
}
