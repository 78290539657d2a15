namespace LlamaCode.Completion.Retrieval;

public sealed record RepositoryIndexOptions
{
    public ChunkingOptions Chunking { get; init; } = new();

    /// <summary>Readers and chunkers that run at once while building, on threads of low priority: half the cores, so that the
    /// compilation of the open document's projects and the requests keep the rest.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The on-disk cache of chunks by content hash (see <see cref="IndexCache"/>), or null for none.</summary>
    public string? CachePath { get; init; }

    /// <summary>Warnings on the way (an unreadable cache, rebuilt).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Lines before the cursor (the cursor's own line included) whose terms make the query.</summary>
    public int QueryPrefixLines { get; init; } = 30;
    /// <summary>Lines after the cursor whose terms join the query, at <see cref="QuerySuffixWeight"/>.</summary>
    public int QuerySuffixLines { get; init; } = 5;
    public double QuerySuffixWeight { get; init; } = 0.5;
    /// <summary>A query term on the line <c>d</c> lines from the cursor weighs <c>1 / (1 + d * QueryLineDecay)</c>.</summary>
    public double QueryLineDecay { get; init; } = 0.1;

    /// <summary>Added to the BM25 score of a matching chunk of a file just opened, edited or viewed ...</summary>
    public double OpenedBoost { get; init; } = 1.5;
    public double EditedBoost { get; init; } = 2.0;
    public double ViewedBoost { get; init; } = 1.0;
    /// <summary>... and halved every this long after.</summary>
    public TimeSpan RecencyHalfLife { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A result whose term set has at least this Jaccard similarity with a better one is dropped.</summary>
    public double DuplicateJaccard { get; init; } = 0.9;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
