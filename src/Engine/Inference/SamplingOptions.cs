namespace LlamaCode.Engine.Inference;

/// <summary>The sampler chain of one request. Temperature ≤ 0 means greedy.</summary>
public sealed record SamplingOptions
{
    public float Temperature { get; init; }
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.95f;
    public float MinP { get; init; } = 0.05f;
    public float RepetitionPenalty { get; init; } = 1.0f;
    public int RepetitionLastN { get; init; } = 64;
    public uint Seed { get; init; } = 42;

    /// <summary>Optional GBNF grammar that constrains the output (root rule "root").</summary>
    public string? Grammar { get; init; }

    public static readonly SamplingOptions Greedy = new();
}
