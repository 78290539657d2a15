namespace LlamaCode.Completion.Retrieval;

public sealed record ChunkingOptions
{
    /// <summary>Lines per window of a file that is not chunked by syntax.</summary>
    public int WindowLines { get; init; } = 20;
    /// <summary>How far consecutive windows are apart (less than <see cref="WindowLines"/>: windows overlap).</summary>
    public int WindowStep { get; init; } = 10;
    /// <summary>A C# type this short (declaration to closing brace) is one chunk; a longer one is chunked per member.</summary>
    public int SmallTypeMaxLines { get; init; } = 40;
    /// <summary>A member (or a type header) longer than this is split into windows.</summary>
    public int MaxChunkLines { get; init; } = 60;
    /// <summary>Lines per window of a split member.</summary>
    public int LongChunkWindowLines { get; init; } = 40;
    /// <summary>How far the windows of a split member are apart.</summary>
    public int LongChunkWindowStep { get; init; } = 30;
}
