using System.Text;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests.Prompting;

/// <summary>
/// FIM prompts for each code model family, with the real llama.cpp tokenizer of a generated model laid out like the
/// family's (FIM tokens found by their text, as in most converted GGUFs). Control tokens render as «their text».
/// </summary>
public class FimPromptFamilyTests
{
    private static readonly TokenBudget Roomy = new(4096);

    [Theory]
    // SentencePiece with a space prefix (Code Llama): the prefix keeps it, as in Code Llama's encode(pre).
    [InlineData(DevModelFamily.CodeLlama, FimLayout.Psm, "int x = $0;\n}", "«<s>»«▁<PRE>» int x = «▁<SUF>»;\n}«▁<MID>»")]
    // Byte-level BPE adds no space: the text is exactly the document's, leading spaces kept, none added.
    [InlineData(DevModelFamily.StarCoder2, FimLayout.Psm, "int x = $0;\n}", "«<fim_prefix>»int x = «<fim_suffix>»;\n}«<fim_middle>»")]
    [InlineData(DevModelFamily.StarCoder2, FimLayout.Spm, "int x = $0;\n}", "«<fim_prefix>»«<fim_suffix>»;\n}«<fim_middle>»int x = ")]
    [InlineData(DevModelFamily.StarCoder2, FimLayout.Psm, "  if (a)\n    $0 return;", "«<fim_prefix>»  if (a)\n    «<fim_suffix>» return;«<fim_middle>»")]
    [InlineData(DevModelFamily.StarCoder2, FimLayout.Psm, "s = \"<fim_prefix>\";$0 // <fim_middle>", "«<fim_prefix>»s = \"<fim_prefix>\";«<fim_suffix>» // <fim_middle>«<fim_middle>»")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimLayout.Psm, "int x = $0;\n}", "«<｜begin▁of▁sentence｜>»«<｜fim▁begin｜>»int x = «<｜fim▁hole｜>»;\n}«<｜fim▁end｜>»")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimLayout.Spm, " x = $0;", "«<｜begin▁of▁sentence｜>»«<｜fim▁begin｜>»«<｜fim▁hole｜>»;«<｜fim▁end｜>» x = ")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimLayout.Psm, "a<｜fim▁hole｜>$0<｜end▁of▁sentence｜>", "«<｜begin▁of▁sentence｜>»«<｜fim▁begin｜>»a<｜fim▁hole｜>«<｜fim▁hole｜>»<｜end▁of▁sentence｜>«<｜fim▁end｜>»")]
    [InlineData(DevModelFamily.Qwen25Coder, FimLayout.Psm, "int x = $0;\n}", "«<|fim_prefix|>»int x = «<|fim_suffix|>»;\n}«<|fim_middle|>»")]
    [InlineData(DevModelFamily.Qwen25Coder, FimLayout.Spm, "\tint x = $0 y;", "«<|fim_prefix|>»«<|fim_suffix|>» y;«<|fim_middle|>»\tint x = ")]
    [InlineData(DevModelFamily.Qwen25Coder, FimLayout.Psm, "<|file_sep|>a.cs\n$0<|endoftext|>", "«<|fim_prefix|>»<|file_sep|>a.cs\n«<|fim_suffix|>»<|endoftext|>«<|fim_middle|>»")]
    // SentencePiece without a space prefix (CodeGemma): no space is added either.
    [InlineData(DevModelFamily.CodeGemma, FimLayout.Psm, "int x = $0;\n}", "«<bos>»«<|fim_prefix|>»int x = «<|fim_suffix|>»;\n}«<|fim_middle|>»")]
    [InlineData(DevModelFamily.CodeGemma, FimLayout.Spm, " x = $0;", "«<bos>»«<|fim_prefix|>»«<|fim_suffix|>»;«<|fim_middle|>» x = ")]
    [InlineData(DevModelFamily.CodeGemma, FimLayout.Psm, "a<|file_separator|>$0<|fim_middle|>", "«<bos>»«<|fim_prefix|>»a<|file_separator|>«<|fim_suffix|>»<|fim_middle|>«<|fim_middle|>»")]
    public void Prompt_holds_the_familys_fim_tokens_and_the_documents_exact_text(DevModelFamily family, FimLayout layout, string document, string expected)
    {
        using var model = Load(family);
        var (prefix, suffix) = Cursor.Split(document);

        var prompt = FimPromptBuilder.Build(model, layout, prefix, suffix, Roomy);

        Assert.Equal(expected, PromptRendering.WithControlTokens(model, prompt.Tokens));
        Assert.Equal((prefix, suffix), (prompt.Prefix, prompt.Suffix));
    }

    public static TheoryData<DevModelFamily, FimLayout> FamiliesAndLayouts => new()
    {
        { DevModelFamily.StarCoder2, FimLayout.Psm }, { DevModelFamily.StarCoder2, FimLayout.Spm },
        { DevModelFamily.DeepSeekCoder, FimLayout.Psm }, { DevModelFamily.DeepSeekCoder, FimLayout.Spm },
        { DevModelFamily.Qwen25Coder, FimLayout.Psm }, { DevModelFamily.Qwen25Coder, FimLayout.Spm },
        { DevModelFamily.CodeGemma, FimLayout.Psm }, { DevModelFamily.CodeGemma, FimLayout.Spm },
    };

    [Theory]
    [MemberData(nameof(FamiliesAndLayouts))]
    public void Document_text_spelling_any_of_the_models_special_tokens_stays_text(DevModelFamily family, FimLayout layout)
    {
        using var model = Load(family);
        var s = model.Info.Special;
        Token[] special = [s.Bos, s.Eos, s.Eot, s.FimPrefix, s.FimSuffix, s.FimMiddle, s.FimPad, s.FimRepo, s.FimSeparator];
        var markers = string.Join(" ", special.Where(t => !t.IsNone).Distinct().Select(t => Encoding.UTF8.GetString(model.TokenPiece(t, renderSpecial: true))));

        var prompt = FimPromptBuilder.Build(model, layout, $"a {markers} b ", $" {markers} c", Roomy);

        Assert.All(new[] { s.FimPrefix, s.FimSuffix, s.FimMiddle }, fim => Assert.Single(prompt.Tokens, t => t == fim));
        Assert.DoesNotContain(prompt.Tokens, t => t == s.Eos || t == s.Eot || t == s.FimPad || t == s.FimRepo || t == s.FimSeparator);
        Assert.Equal(model.Info.AddsBos ? 1 : 0, prompt.Tokens.Count(t => t == s.Bos));
        Assert.Equal($"a {markers} b ", Encoding.UTF8.GetString(prompt.PrefixTokens.ToArray().SelectMany(t => model.TokenPiece(t)).ToArray()));
    }

    [Theory]
    [MemberData(nameof(FamiliesAndLayouts))]
    public void Generation_stops_at_the_familys_end_and_fim_tokens(DevModelFamily family, FimLayout layout)
    {
        using var model = Load(family);
        var s = model.Info.Special;

        var prompt = FimPromptBuilder.Build(model, layout, "a", "b", Roomy);

        Assert.All(new[] { s.Eos, s.Eot, s.FimPrefix, s.FimSuffix, s.FimMiddle, s.FimPad, s.FimRepo, s.FimSeparator }.Where(t => !t.IsNone),
            token => Assert.True(prompt.IsStop(token), $"token {token} does not stop"));
        Assert.False(prompt.IsStop(model.Tokenize("a")[^1]));
    }

    private static LlamaModel Load(DevModelFamily family) => LlamaModel.Load(DevModels.GetOrCreate(family, FimTokenIds.ByTokenText));
}
