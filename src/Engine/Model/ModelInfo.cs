namespace LlamaCode.Engine.Model;

/// <summary>The special tokens a model declares; <see cref="Token.None"/> where it has none.</summary>
public sealed record SpecialTokens(
    Token Bos, Token Eos, Token Eot,
    Token FimPrefix, Token FimSuffix, Token FimMiddle,
    Token FimPad, Token FimRepo, Token FimSeparator)
{
    /// <summary>True when the model can do fill-in-the-middle (prefix, suffix and middle tokens exist).</summary>
    public bool HasFim => !FimPrefix.IsNone && !FimSuffix.IsNone && !FimMiddle.IsNone;
}

/// <summary>What a loaded model is: read once at load time from the GGUF through llama.cpp.</summary>
public sealed record ModelInfo(
    string Path,
    string Architecture,
    string Description,
    int TrainingContextLength,
    int VocabularySize,
    int EmbeddingLength,
    int LayerCount,
    ulong ParameterCount,
    ulong SizeBytes,
    bool AddsBos,
    SpecialTokens Special,
    string? ChatTemplate);
