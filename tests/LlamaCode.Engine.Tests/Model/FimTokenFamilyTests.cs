using System.Text;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Model;

/// <summary>
/// The FIM tokens of each code model family, as llama.cpp finds them in generated models laid out like the family's:
/// from tokenizer.ggml.fim_*_token_id keys, or by the token's text where a converter wrote no keys.
/// </summary>
public class FimTokenFamilyTests
{
    [Theory]
    // family, how the ids are given → prefix, suffix, middle, pad, repo, file separator, EOT (null: none)
    [InlineData(DevModelFamily.CodeLlama, FimTokenIds.InMetadata, "▁<PRE>", "▁<SUF>", "▁<MID>", null, null, null, "▁<EOT>")]
    [InlineData(DevModelFamily.CodeLlama, FimTokenIds.ByTokenText, "▁<PRE>", "▁<SUF>", "▁<MID>", null, null, null, "▁<EOT>")]
    [InlineData(DevModelFamily.StarCoder2, FimTokenIds.InMetadata, "<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<fim_pad>", "<repo_name>", "<file_sep>", "<|endoftext|>")]
    // llama.cpp knows <fim_pad> by its text, but not StarCoder's <repo_name> and <file_sep>.
    [InlineData(DevModelFamily.StarCoder2, FimTokenIds.ByTokenText, "<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<fim_pad>", null, null, "<|endoftext|>")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimTokenIds.InMetadata, "<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", null, null, null, "<｜end▁of▁sentence｜>")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimTokenIds.ByTokenText, "<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", null, null, null, "<｜end▁of▁sentence｜>")]
    [InlineData(DevModelFamily.Qwen25Coder, FimTokenIds.InMetadata, "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<|endoftext|>")]
    [InlineData(DevModelFamily.Qwen25Coder, FimTokenIds.ByTokenText, "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<|endoftext|>")]
    [InlineData(DevModelFamily.CodeGemma, FimTokenIds.InMetadata, "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", null, null, "<|file_separator|>", "<end_of_turn>")]
    // Real CodeGemma GGUFs name no FIM ids; llama.cpp does not know <|file_separator|> by its text, LlamaModel does.
    [InlineData(DevModelFamily.CodeGemma, FimTokenIds.ByTokenText, "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", null, null, "<|file_separator|>", "<end_of_turn>")]
    [InlineData(DevModelFamily.NoFim, FimTokenIds.InMetadata, null, null, null, null, null, null, null)]
    public void Special_tokens_are_read_from_the_vocabulary(DevModelFamily family, FimTokenIds ids,
        string? prefix, string? suffix, string? middle, string? pad, string? repo, string? separator, string? eot)
    {
        using var model = LlamaModel.Load(DevModels.GetOrCreate(family, ids));
        var s = model.Info.Special;

        Assert.Equal(
            (prefix, suffix, middle, pad, repo, separator, eot),
            (Text(model, s.FimPrefix), Text(model, s.FimSuffix), Text(model, s.FimMiddle), Text(model, s.FimPad),
                Text(model, s.FimRepo), Text(model, s.FimSeparator), Text(model, s.Eot)));
        Assert.Equal(prefix is not null, s.HasFim);
    }

    [Theory]
    // What ends a completion in each family: its end-of-text or end-of-infill token, and its file separator.
    [InlineData(DevModelFamily.CodeLlama, FimTokenIds.InMetadata, "▁<EOT>", "</s>")]
    [InlineData(DevModelFamily.StarCoder2, FimTokenIds.ByTokenText, "<|endoftext|>", "<fim_pad>")]
    [InlineData(DevModelFamily.StarCoder2, FimTokenIds.InMetadata, "<|endoftext|>", "<file_sep>")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimTokenIds.ByTokenText, "<｜end▁of▁sentence｜>")]
    [InlineData(DevModelFamily.Qwen25Coder, FimTokenIds.ByTokenText, "<|endoftext|>", "<|file_sep|>", "<|fim_pad|>")]
    [InlineData(DevModelFamily.CodeGemma, FimTokenIds.ByTokenText, "<eos>", "<end_of_turn>", "<|file_separator|>")]
    [InlineData(DevModelFamily.NoFim, FimTokenIds.InMetadata, "</s>")]
    public void The_familys_end_tokens_end_generation(DevModelFamily family, FimTokenIds ids, params string[] endTokens)
    {
        using var model = LlamaModel.Load(DevModels.GetOrCreate(family, ids));

        Assert.All(endTokens, text => Assert.True(model.IsEndOfGeneration(TokenOf(model, text)), $"{text} does not end generation"));
        Assert.False(model.IsEndOfGeneration(model.Tokenize("return")[0]));
        if (model.Info.Special.HasFim) Assert.False(model.IsEndOfGeneration(model.Info.Special.FimMiddle));
    }

    private static string? Text(LlamaModel model, Token token) =>
        token.IsNone ? null : Encoding.UTF8.GetString(model.TokenPiece(token, renderSpecial: true));

    private static Token TokenOf(LlamaModel model, string specialText)
    {
        var tokens = model.Tokenize(specialText, parseSpecial: true);
        Assert.Single(tokens);
        return tokens[0];
    }
}
