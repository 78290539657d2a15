using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Inference;

/// <summary>
/// A keystroke's prefill budget: the full prompt when what the cache lacks fits the budget, else a cheaper fallback
/// from another slot than the full prompt's. Slots are token lists "1 2 3" with a last-used clock after '@'; budget -1 = none.
/// </summary>
public class AnswerPlannerTests
{
    [Theory]
    //        prompt               fallback     slots                                         budget  slot fallback keep
    [InlineData("1 2 3 4 5 6 7 8", "1 2 7 8",   new[] { "1 2 3 4 5 6 7@2", "@0" },                2,  0, false, 7)] // typing: one new token fits
    [InlineData("1 2 3 4 5 6 7 8", "1 2 7 8",   new[] { "@0", "@0" },                             3,  1, true,  0)] // first fill: the small prompt answers, from the other slot
    [InlineData("1 2 3 4 9 9 9 9", "1 2 5 5 6", new[] { "1 2 3 4 5 6 7 8@5", "1 2 5 5@4" },       2,  1, true,  4)] // jump: the fallback's own cache answers, the full prompt's slot stays
    [InlineData("1 2 3 4 9 9 9 9", "1 2 5 5 6", new[] { "1 2 3 4 5 6 7 8@5", "1 2 5 5@4" },       4,  0, false, 4)] // the same jump within a larger budget: the full prompt
    [InlineData("1 2 3 4 5 6 7 8", "1 2 7 8",   new[] { "@0", "@0" },                            -1,  0, false, 0)] // no budget: always the full prompt
    [InlineData("1 2 3 4 5 6 7 8", "7 7 7 7",   new[] { "1 2 3 4 5@2", "@0" },                    1,  0, false, 5)] // the fallback would cost more than the full prompt
    [InlineData("1 2 3 4 5 6 7 8", "1 2 7 8",   new[] { "@0" },                                   3,  0, false, 0)] // one slot: nothing to keep the other prompt in
    public void Plans(string prompt, string fallback, string[] slots, int budget, int slot, bool useFallback, int keep)
    {
        var plan = AnswerPlanner.Plan(Tokens(prompt), Tokens(fallback), slots.Select(Slot).ToArray(), budget < 0 ? null : budget,
            minReuseTokens: 2, minChunkTokens: 0);
        Assert.Equal((slot, useFallback, keep), (plan.Plan.Slot, plan.UseFallback, plan.Plan.KeepTokens));
        Assert.Equal(useFallback ? slot : -1, plan.BackgroundAvoidSlot);
    }

    [Fact]
    public void The_background_prefill_never_takes_the_slot_that_served_the_fallback()
    {
        // Slot 1 holds most of the full prompt but is the one to avoid: the plan goes elsewhere, even at a cost.
        var slots = new[] { Slot("@0"), Slot("1 2 3 4 5 6 7@3") };
        var plan = KvReusePlanner.Plan(Tokens("1 2 3 4 5 6 7 8"), slots, minReuseTokens: 2, avoidSlot: 1);
        Assert.Equal(new KvPlan(0, 0), plan);
        var chunked = KvReusePlanner.Plan(Tokens("1 2 3 4 5 6 7 8"), slots, minReuseTokens: 2, minChunkTokens: 2, avoidSlot: 1);
        Assert.Equal(0, chunked.Slot);
    }

    [Fact]
    public void Chunk_reuse_counts_as_cached_when_the_budget_is_checked()
    {
        // Enter at the start of an SPM prompt: two tokens are new, the rest moves. With chunk reuse that fits a budget
        // of 3; with the common prefix alone (nothing shared at the start) it would not.
        var cached = "1 2 3 4 5 6 7 8 9 10 11 12";
        var prompt = Tokens("1 20 21 2 3 4 5 6 7 8 9 10 11 12 13");
        var withChunks = AnswerPlanner.Plan(prompt, Tokens("1 20 21 12 13"), [Slot(cached + "@1"), Slot("@0")], 3, 2, minChunkTokens: 4);
        Assert.False(withChunks.UseFallback);
        Assert.Equal(3, withChunks.Plan.DecodeCount(prompt.Length));
        var prefixOnly = AnswerPlanner.Plan(prompt, Tokens("1 20 21 12 13"), [Slot(cached + "@1"), Slot("@0")], 3, 2, minChunkTokens: 0);
        Assert.True(prefixOnly.UseFallback);
    }

    private static Token[] Tokens(string s) =>
        s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => new Token(int.Parse(x))).ToArray();

    private static SlotView Slot(string s)
    {
        var at = s.IndexOf('@');
        return new SlotView(Tokens(s[..at]), long.Parse(s[(at + 1)..]));
    }
}
