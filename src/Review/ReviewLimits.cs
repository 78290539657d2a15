namespace LlamaCode.Review;

/// <summary>Bounds on what one review reads and does, since the change under review is untrusted.</summary>
public sealed record ReviewLimits
{
    /// <summary>Changed files reviewed; the rest are skipped with a note.</summary>
    public int MaxFiles { get; init; } = 50;
    /// <summary>Hunks of one file sent to the model; the rest are skipped with a note.</summary>
    public int MaxHunksPerFile { get; init; } = 20;
    /// <summary>A larger diff is refused as a whole (the caller reports bad input).</summary>
    public long MaxDiffBytes { get; init; } = 10 * 1024 * 1024;
    /// <summary>Larger files are neither compiled nor reviewed (a note says so).</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;
    /// <summary>C# files of the workspace in one compilation.</summary>
    public int MaxCompiledFiles { get; init; } = 5000;
}
