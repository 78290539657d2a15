using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Gguf;

/// <summary>Fill-in-the-middle tokens read from the GGUF header alone, as llama.cpp's vocabulary loader finds them.</summary>
public sealed class GgufFimTokensTests
{
    [Theory]
    // family, how its ids are given → present, what the detail says
    [InlineData(DevModelFamily.CodeLlama, FimTokenIds.InMetadata, true, "prefix id in tokenizer.ggml.fim_pre_token_id")]
    [InlineData(DevModelFamily.CodeLlama, FimTokenIds.ByTokenText, true, "prefix token <PRE>, suffix token <SUF>, middle token <MID>")]
    [InlineData(DevModelFamily.Qwen25Coder, FimTokenIds.ByTokenText, true, "prefix token <|fim_prefix|>, suffix token <|fim_suffix|>, middle token <|fim_middle|>")]
    [InlineData(DevModelFamily.DeepSeekCoder, FimTokenIds.ByTokenText, true, "prefix token <｜fim▁begin｜>")]
    [InlineData(DevModelFamily.StarCoder2, FimTokenIds.ByTokenText, true, "prefix token <fim_prefix>")]
    [InlineData(DevModelFamily.NoFim, FimTokenIds.InMetadata, false, "no fill-in-the-middle prefix, suffix, middle token")]
    public void A_models_fim_tokens_are_found_from_its_header(DevModelFamily family, FimTokenIds ids, bool present, string detail)
    {
        var path = family == DevModelFamily.CodeLlama && ids == FimTokenIds.InMetadata
            ? DevModels.GetOrCreate(DevModelSize.Tiny)
            : DevModels.GetOrCreate(family, ids);

        var fim = GgufFimTokens.Read(path);

        Assert.Equal(present, fim.Present);
        Assert.Contains(detail, fim.Detail);
    }

    [Fact]
    public void Without_token_texts_asked_for_none_are_reported_found() =>
        Assert.Empty(GgufValidator.Validate(DevModels.GetOrCreate(DevModelFamily.Qwen25Coder, FimTokenIds.ByTokenText)).TokenTextsFound);

    [Fact]
    public void A_file_that_is_not_a_gguf_is_an_invalid_model_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-gguf-{Guid.NewGuid():N}.gguf");
        File.WriteAllText(path, "not a model");
        try
        {
            Assert.Throws<InvalidModelFileException>(() => GgufFimTokens.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
