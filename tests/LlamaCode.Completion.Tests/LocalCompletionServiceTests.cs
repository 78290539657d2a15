using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Dev;

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

        var full = FimPromptBuilder.Build(service.Tokenizer, layout, text[..offset], text[offset..], TokenBudget.ForContext(1024, 8), documentPath: "a.cs");
        var plan = TokenHealing.Plan(service.Tokenizer, full.PrefixTokens);
        Assert.Equal(backsOff ? full.Tokens.Length - plan.BackOffTokens : full.Tokens.Length, result.Stats!.PromptTokens);
        if (backsOff) Assert.True(plan.BackOffTokens > 0 && plan.RequiredPrefix.EndsWith("Cou", StringComparison.Ordinal));
    }
}
