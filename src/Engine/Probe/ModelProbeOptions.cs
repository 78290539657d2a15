namespace LlamaCode.Engine.Probe;

/// <summary>How to start the sacrificial child: an executable and the arguments that select its probe command.</summary>
/// <param name="Arguments">Arguments before the ones the probe adds (<c>--model FILE --gpu-layers N</c>).</param>
public sealed record ProbeCommand(string FileName, IReadOnlyList<string> Arguments);

/// <summary>Limits and cache of the first-load probe.</summary>
public sealed record ModelProbeOptions(ProbeCommand Command)
{
    /// <summary>Wall-clock limit; null = 30 s plus 20 s per GiB of model file.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Resident memory limit of the child; null = twice the file plus 2 GiB, at most 3/4 of this machine's memory.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>Where verdicts are kept between runs; null = <see cref="ProbeVerdictCache.DefaultFolder"/>.</summary>
    public string? CacheFolder { get; init; }

    public TimeSpan TimeLimitFor(long fileBytes) => TimeLimit ?? TimeSpan.FromSeconds(30 + 20.0 * fileBytes / (1L << 30));

    public long MemoryLimitFor(long fileBytes)
    {
        if (MemoryLimitBytes is { } limit) return limit;
        long machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Min(2 * fileBytes + (2L << 30), machine / 4 * 3);
    }
}
