using LlamaCode.Completion.Prompting;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests;

/// <summary>The completion service on the real engine with the tiny model.</summary>
public class LocalCompletionServiceTests
{
    [Theory]
    // document, layout, token healing → tokens backed off from the prompt
    [InlineData("var n = items.Cou$0", FimLayout.Spm, true, true)]
    [InlineData("var n = items.Cou$0", FimLayout.Spm, false, false)]
    [InlineData("var n = items.Cou$0", FimLayout.Psm, true, false)]    // in PSM the prefix does not end the prompt
    [InlineData("var n = items.$0", FimLayout.Spm, true, false)]       // not inside a word
    public async Task Token_healing_backs_off_a_partial_word_in_spm(string document, FimLayout layout, bool healing, bool backsOff)
    {
        await using var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(DevModelSize.Tiny), new LocalEngineSettings { ContextSize = 1024, Slots = 1 });
        var offset = document.IndexOf("$0", StringComparison.Ordinal);
        var text = document.Replace("$0", "");
        var options = new CompletionOptions { Layout = layout, TokenHealing = healing, MaxTokens = 8 };

        var result = await service.CompleteAsync(new CompletionRequest("a.cs", text, offset, options), default);

        var (full, plan) = PromptAndHealing(service, layout, text, offset);
        Assert.Equal(backsOff ? full.Tokens.Length - plan.BackOffTokens : full.Tokens.Length, result.Stats!.PromptTokens);
        if (backsOff) Assert.True(plan.BackOffTokens > 0 && plan.RequiredPrefix.EndsWith("Cou", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DevModelFamily.StarCoder2, FimLayout.Spm)]
    [InlineData(DevModelFamily.DeepSeekCoder, FimLayout.Psm)]
    [InlineData(DevModelFamily.Qwen25Coder, FimLayout.Spm)]
    [InlineData(DevModelFamily.CodeGemma, FimLayout.Psm)]
    public async Task Completes_with_the_fim_tokens_of_other_families(DevModelFamily family, FimLayout layout)
    {
        await using var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(family, FimTokenIds.ByTokenText), new LocalEngineSettings { ContextSize = 1024, Slots = 1 });
        const string text = "var n = items.Cou;\n";
        var options = new CompletionOptions { Layout = layout, MaxTokens = 8 };

        var result = await service.CompleteAsync(new CompletionRequest("a.cs", text, text.IndexOf(';'), options), default);

        // In SPM, token healing backs off "Cou" (BPE tokens too) and the model re-spells it first.
        var (full, plan) = PromptAndHealing(service, layout, text, text.IndexOf(';'));
        Assert.Contains(service.Model.Special.FimPrefix, full.Tokens);
        Assert.Equal(layout == FimLayout.Spm ? full.Tokens.Length - plan.BackOffTokens : full.Tokens.Length, result.Stats!.PromptTokens);
        Assert.Equal(("var n = items.Cou", ";\n"), (result.Prompt!.Prefix, result.Prompt.Suffix));
    }

    [Fact]
    public async Task A_keystroke_over_its_prefill_budget_is_answered_from_the_document_alone_and_the_next_from_the_full_prompt()
    {
        await using var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(DevModelSize.Tiny), new LocalEngineSettings { ContextSize = 4096, Slots = 2 });
        var lines = Enumerable.Range(0, 200).Select(i => $"    public int Value{i}(int x) => x * {i} + Offset;");
        var text = "public sealed class Table\n{\n" + string.Join("\n", lines) + "\n    public int Next(int x) => \n}\n";
        var offset = text.IndexOf("=> \n}", StringComparison.Ordinal) + 3;
        // A target of one tick: nothing uncached fits, so a cold keystroke gets the small prompt (128 tokens at least).
        var options = new CompletionOptions { MaxTokens = 4, PrefillTarget = TimeSpan.FromTicks(1), TokenHealing = false };

        var first = await service.CompleteAsync(new CompletionRequest("Table.cs", text, offset, options), default);
        Assert.True(first.Stats!.Fallback);
        Assert.InRange(first.Prompt!.Tokens, 100, 128);
        Assert.Equal(["suffix", "prefix"], first.Prompt.Segments.Select(s => s.Kind));
        Assert.EndsWith("public int Next(int x) => ", first.Prompt.Prefix, StringComparison.Ordinal);

        // The full prompt was prefilled meanwhile: the same keystroke again is answered from it (one token decoded).
        await service.BackgroundPrefillAsync();
        var again = await service.CompleteAsync(new CompletionRequest("Table.cs", text, offset, options), default);
        Assert.False(again.Stats!.Fallback);
        Assert.True(again.Prompt!.Tokens > 1000, $"{again.Prompt.Tokens} prompt tokens");
        Assert.True(again.Stats.CachedTokens >= again.Stats.PromptTokens - 1, $"cached {again.Stats.CachedTokens} of {again.Stats.PromptTokens}");
        Assert.StartsWith("public sealed class Table", again.Prompt.Prefix, StringComparison.Ordinal);
    }

    /// <summary>The prompt the service builds for a cursor, and how token healing treats it.</summary>
    private static (FimPrompt Prompt, TokenHealingPlan Healing) PromptAndHealing(LocalCompletionService service, FimLayout layout, string text, int offset)
    {
        var prompt = FimPromptBuilder.Build(service.Tokenizer, layout, text[..offset], text[offset..], TokenBudget.ForContext(1024, 8), documentPath: "a.cs");
        return (prompt, TokenHealing.Plan(service.Tokenizer, prompt.PrefixTokens));
    }

    [Fact]
    public async Task A_model_without_fim_tokens_is_refused_at_load_naming_the_model_and_what_it_lacks()
    {
        var path = DevModels.GetOrCreate(DevModelFamily.NoFim, FimTokenIds.InMetadata);

        var error = await Assert.ThrowsAsync<ModelLacksFimException>(() => LocalCompletionService.LoadAsync(path, new LocalEngineSettings { ContextSize = 1024, Slots = 1 }));

        Assert.Contains(path, error.Message);
        Assert.Contains("no fill-in-the-middle prefix, suffix or middle token", error.Message);
    }
}
