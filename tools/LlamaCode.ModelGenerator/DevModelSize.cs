using LlamaCode.Engine.Gguf;

namespace LlamaCode.ModelGenerator;

/// <summary>Sizes of generated development models (random weights, synthetic vocabulary).</summary>
public enum DevModelSize
{
    /// <summary>About 2 MB: for unit tests.</summary>
    Tiny,
    /// <summary>About 155M parameters in F16: for benchmarks.</summary>
    Small,
    /// <summary>About 1B parameters in Q8_0: for realistic-scale benchmarks.</summary>
    Medium,
}

/// <summary>Hyperparameters of a generated llama-architecture model.</summary>
/// <param name="VocabularySize">Token count, or null for exactly the curated pieces plus the FIM tokens.</param>
/// <param name="MatrixType">Type of the weight matrices (F16 or Q8_0); norm weights are always F32.</param>
public sealed record DevModelShape(
    int? VocabularySize,
    int EmbeddingLength,
    int LayerCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int ContextLength,
    GgmlType MatrixType)
{
    public int HeadDimension => EmbeddingLength / HeadCount;
    public int KvEmbeddingLength => HeadDimension * HeadCountKv;

    /// <summary>Weights of a model of this shape with <paramref name="vocabularySize"/> tokens (untied output).</summary>
    public long ParameterCount(int vocabularySize)
    {
        long embd = EmbeddingLength, kv = KvEmbeddingLength, ff = FeedForwardLength;
        long perLayer = 2 * embd + 2 * embd * embd + 2 * embd * kv + 3 * embd * ff;
        return 2 * embd * vocabularySize + embd + LayerCount * perLayer;
    }

    // Code Llama's shape conventions: GQA, 16k training context (RoPE base 1e6 is written by the generator).
    public static DevModelShape For(DevModelSize size) => size switch
    {
        DevModelSize.Tiny => new(null, 128, 2, 4, 2, 352, 16384, GgmlType.F16),
        DevModelSize.Small => new(DevVocabulary.CodeLlamaVocabularySize, 1024, 8, 16, 4, 2816, 16384, GgmlType.F16),
        DevModelSize.Medium => new(DevVocabulary.CodeLlamaVocabularySize, 2048, 20, 32, 8, 5632, 16384, GgmlType.Q8_0),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };
}
