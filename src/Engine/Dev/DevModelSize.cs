namespace LlamaCode.Engine.Dev;

/// <summary>Sizes of generated models: tiny for unit tests, small (~150M parameters) for benchmarks, medium (~1B).</summary>
public enum DevModelSize { Tiny, Small, Medium }

/// <summary>The shape of a generated llama-architecture model.</summary>
public sealed record DevModelShape(int Vocab, int Embedding, int Layers, int Heads, int KvHeads, int FeedForward, int ContextLength)
{
    public int HeadDim => Embedding / Heads;

    public static DevModelShape For(DevModelSize size) => size switch
    {
        // GQA everywhere (kv heads < heads), as Code Llama's successors and most current models use.
        DevModelSize.Tiny => new(Vocab: 2048, Embedding: 64, Layers: 2, Heads: 4, KvHeads: 2, FeedForward: 192, ContextLength: 16384),
        DevModelSize.Small => new(Vocab: 32016, Embedding: 1024, Layers: 8, Heads: 16, KvHeads: 4, FeedForward: 2816, ContextLength: 16384),
        DevModelSize.Medium => new(Vocab: 32016, Embedding: 2048, Layers: 16, Heads: 16, KvHeads: 4, FeedForward: 5632, ContextLength: 16384),
        _ => throw new ArgumentOutOfRangeException(nameof(size)),
    };
}
