using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Inference;

/// <summary>A keystroke's prefill budget on the real engine: the fallback answers, the full prompt fills in the background.</summary>
[Collection(TinyModelCollection.Name)]
public class PrefillBudgetTests(TinyModel tiny)
{
    private Token[] Small() => tiny.Model.Tokenize("public int Twice(int x) => x * 2;\npublic int Thrice(int x) =>", addSpecial: true);

    private GenerationRequest Keystroke(Token[] full, int budget) => new(full)
    {
        MaxTokens = 4,
        PrefillBudgetTokens = budget,
        Fallback = new GenerationRequest(Small()) { MaxTokens = 4 },
    };

    [Fact]
    public async Task The_engine_measures_its_prefill_speed_when_it_starts()
    {
        await using var engine = await tiny.StartEngineAsync();
        Assert.True(engine.PrefillTokensPerSecond > 0);
        Assert.True(engine.PrefillTokensWithin(TimeSpan.FromSeconds(1)) >= 1);
    }

    [Fact]
    public async Task A_keystroke_does_not_wait_for_a_prefill_beyond_its_budget()
    {
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 2 });
        var full = tiny.CodeTokens(1200);

        // Nothing cached: 1,200 tokens exceed the budget of 100, so the small prompt answers.
        var first = await engine.Generate(Keystroke(full, budget: 100)).Completion;
        Assert.True(first.Fallback);
        Assert.Equal(Small().Length, first.PromptTokens);
        Assert.True(first.DecodedTokens <= Small().Length);

        // Meanwhile the full prompt was prefilled in the background, in the other slot.
        await engine.BackgroundPrefillAsync();
        var background = engine.RecentStats().Last(s => s.Speculative && !s.Cancelled);
        Assert.Equal(full.Length, background.PromptTokens);
        Assert.NotEqual(first.Slot, background.Slot);

        // The next keystroke (one more token) finds it cached and answers with the full prompt.
        var next = await engine.Generate(Keystroke([.. full, full[^1]], budget: 100)).Completion;
        Assert.False(next.Fallback);
        Assert.Equal(background.Slot, next.Slot);
        Assert.True(next.CachedTokens >= full.Length - 1, $"cached {next.CachedTokens} of {next.PromptTokens}");
    }

    [Fact]
    public async Task Keystrokes_during_the_background_prefill_are_answered_and_it_still_completes()
    {
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 2 });
        var full = tiny.CodeTokens(1800);
        await engine.Generate(Keystroke(full, budget: 50)).Completion;
        // Keystrokes that arrive while the background prefill runs preempt it; what it decoded stays, and it resumes.
        for (var i = 0; i < 5; i++)
        {
            var stats = await engine.Generate(new GenerationRequest(Small()) { MaxTokens = 2 }).Completion;
            Assert.False(stats.Cancelled);
        }
        await engine.BackgroundPrefillAsync();
        var next = await engine.Generate(Keystroke([.. full, full[^1]], budget: 50)).Completion;
        Assert.False(next.Fallback);
        Assert.True(next.CachedTokens >= full.Length - 1, $"cached {next.CachedTokens} of {next.PromptTokens}");
    }

    [Fact]
    public async Task A_newer_background_prefill_replaces_an_older_one()
    {
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 3 });
        var older = tiny.CodeTokens(1500);
        var newer = tiny.Model.Tokenize(string.Concat(Enumerable.Repeat("var total = items.Sum(i => i.Price * i.Count);\n", 60)), addSpecial: true);
        await engine.Generate(Keystroke(older, budget: 50)).Completion;
        await engine.Generate(Keystroke(newer, budget: 50)).Completion;
        await engine.BackgroundPrefillAsync();
        var next = await engine.Generate(Keystroke([.. newer, newer[^1]], budget: 50)).Completion;
        Assert.False(next.Fallback);
        Assert.True(next.CachedTokens >= newer.Length - 1);
    }
}
