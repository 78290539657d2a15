using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests.Backends;

/// <summary>
/// The text routes (OpenAI-compatible, Ollama) send the prompt as text, which the server tokenizes again: the FIM
/// tokens must come back as the same special tokens in the same places, and the text between them as the same text.
/// </summary>
public sealed class SpelledPromptTests
{
    [Theory]
    [InlineData(FimLayout.Spm, "class Cart\n{\n    int Total() => ", ";\n}\n")]
    [InlineData(FimLayout.Psm, "using System;\nvar x = ", "\nConsole.WriteLine(x);\n")]
    public void A_spelled_out_FIM_prompt_comes_back_with_the_same_special_tokens_around_the_same_text(FimLayout layout, string prefix, string suffix)
    {
        using var model = LlamaModel.Load(DevModels.GetOrCreate(DevModelSize.Tiny));
        var prompt = FimPromptBuilder.Build(model, layout, prefix, suffix, new TokenBudget(512));
        var special = model.Info.Special;
        Token[] fim = [special.Bos, special.FimPrefix, special.FimSuffix, special.FimMiddle];

        // As a server does with a text prompt: its own BOS, special tokens parsed.
        var back = model.Tokenize(RemoteGenerationBackend.SpellOut(model, prompt.Tokens), addSpecial: true, parseSpecial: true);

        var expectedFim = prompt.Tokens.Where(fim.Contains).ToArray();
        var backFim = back.Where(fim.Contains).ToArray();
        Assert.Equal(expectedFim, backFim);
        Assert.Equal(Squash(model.Detokenize(prompt.Tokens)), Squash(model.Detokenize(back)));
    }

    // The one difference text allows: a space in front of the text after a special token.
    private static string Squash(string text) => string.Concat(text.Where(c => c != ' '));
}
