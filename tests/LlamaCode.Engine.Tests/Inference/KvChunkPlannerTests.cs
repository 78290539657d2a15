using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Inference;

/// <summary>
/// How a prompt is assembled from moved chunks of a slot's cache. Prompts are written as runs: "A" is 10 tokens of
/// their own (A0..A9), "x" one token; the minimum chunk is 8 tokens. Plans read "r cache..end→at" (reused, moved)
/// and "d from..end" (decoded).
/// </summary>
public class KvChunkPlannerTests
{
    private const int MinChunk = 8;

    [Theory]
    //          cached              prompt                  plan
    [InlineData("h A B C",          "h A B C x",            "r 0..31→0 | d 31..32")]                         // typing: the prefix grows
    [InlineData("h A B C",          "h x y A B C",          "r 0..1→0 | d 1..3 | r 1..30→3 | d 32..33")]      // insert at the start (Enter at the top of an SPM suffix)
    [InlineData("h D A B C",        "h A B C",              "r 0..1→0 | r 11..40→1 | d 30..31")]             // delete: the rest moves back
    [InlineData("h S1 S2 m C P",    "h x S1 S2 m C P y",    "r 0..1→0 | d 1..2 | r 1..42→2 | d 43..44")]     // Enter between braces: inserted at the suffix's start, typed at the end
    [InlineData("h S1 S2 m C P",    "h S2 S3 m C P S1",     "r 0..1→0 | r 11..21→1 | d 11..21 | r 21..42→21 | d 42..52")] // jump down: the suffix loses its start and gains S3; S1 moves into the prefix, out of order: decoded
    [InlineData("h A",              "h B",                  "r 0..1→0 | d 1..11")]                           // nothing in common but the head
    [InlineData("h A x",            "h A y",                "r 0..11→0 | d 11..12")]                         // a short run is not worth a move
    public void Plans(string cached, string prompt, string expected)
    {
        var plan = KvChunkPlanner.Plan(Tokens(prompt), Tokens(cached), MinChunk);
        Assert.Equal(expected, Describe(plan));
        // The spans cover the prompt in order, every reused token is the prompt's own, and the last one is decoded.
        var p = Tokens(prompt);
        var c = Tokens(cached);
        var at = 0;
        foreach (var s in plan.Spans)
        {
            Assert.Equal(at, s.PromptStart);
            if (s.CacheStart is { } from) Assert.Equal(p.Skip(s.PromptStart).Take(s.Length), c.Skip(from).Take(s.Length));
            at += s.Length;
        }
        Assert.Equal(p.Length, at);
        Assert.False(plan.Spans[^1].Reused);
    }

    [Fact]
    public void Shifts_run_left_moves_front_to_back_then_right_moves_back_to_front()
    {
        var plan = new KvChunkPlan([new(0, 2, 5), new(2, 3, 9), new(20, 2, 14), new(30, 2, 16), new(40, 1, null)]);
        Assert.Equal(["reuse 5..7→0", "reuse 9..12→2", "reuse 16..18→30", "reuse 14..16→20"], KvChunkPlanner.ShiftOrder(plan).Select(s => s.ToString()));
    }

    [Fact]
    public void The_slot_planner_picks_the_slot_with_the_most_reusable_tokens_and_moves_chunks_only_when_it_must()
    {
        var prompt = Tokens("h x A B C");
        var plan = KvReusePlanner.Plan(prompt, [new SlotView(Tokens("h y"), 5), new SlotView(Tokens("h A B C"), 1)], minReuseTokens: 16, minChunkTokens: MinChunk);
        Assert.Equal(1, plan.Slot);
        Assert.Equal(1, plan.KeepTokens);
        Assert.Equal("r 0..1→0 | d 1..2 | r 1..30→2 | d 31..32", Describe(plan.Chunks!));

        var extend = KvReusePlanner.Plan(Tokens("h A B"), [new SlotView(Tokens("h A"), 1)], 16, MinChunk);
        Assert.Equal(new KvPlan(0, 11), extend); // a plain prefix: no chunks to move
    }

    private static string Describe(KvChunkPlan plan) => string.Join(" | ", plan.Spans.Select(s =>
        s.CacheStart is { } c ? $"r {c}..{c + s.Length}→{s.PromptStart}" : $"d {s.PromptStart}..{s.PromptStart + s.Length}"));

    /// <summary>Upper-case runs (with an optional digit) are 10 distinct tokens each; lower-case names are one token.</summary>
    private static Token[] Tokens(string runs) => runs.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(run =>
    {
        var seed = run.Aggregate(17, (h, ch) => h * 31 + ch) & 0xFFFF;
        return char.IsUpper(run[0])
            ? Enumerable.Range(0, 10).Select(i => new Token(1000 + seed * 16 % 60000 + i))
            : [new Token(100 + seed % 800)];
    }).ToArray();
}
