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
