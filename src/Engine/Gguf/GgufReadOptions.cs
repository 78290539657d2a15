namespace LlamaCode.Engine.Gguf;

/// <summary>What <see cref="GgufValidator"/> keeps beyond the summary.</summary>
public sealed record GgufReadOptions
{
    public static readonly GgufReadOptions Default = new();

    /// <summary>Metadata arrays whose contents are kept in <see cref="GgufSummary.ArrayValues"/>, whatever their length.</summary>
    public IReadOnlySet<string> KeepArrays { get; init; } = new HashSet<string>();
}
