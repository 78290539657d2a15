namespace LlamaCode.Engine.Inference;

/// <summary>How the engine sizes its llama context.</summary>
public sealed record EngineOptions
{
    /// <summary>Context size in tokens, shared by all slots (kv_unified lets any one slot use all of it). 0 = the model's training context.</summary>
    public int ContextSize { get; init; } = 4096;

    /// <summary>Logical batch: the most tokens handed to one llama_decode call.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Physical batch: the unit of compute, and so the granularity of cancellation.</summary>
    public int MicroBatchSize { get; init; } = 512;

    /// <summary>KV slots (llama sequences), each remembering one prompt for prefix reuse.</summary>
    public int Slots { get; init; } = 4;

    /// <summary>CPU threads for decoding; 0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary>Stats of this many recent requests are kept.</summary>
    public int StatsHistory { get; init; } = 64;

    /// <summary>
    /// A slot is reused for a new prompt only when at least this many leading tokens match; otherwise the new prompt
    /// goes to an empty or least recently used slot, so that one small shared prefix (BOS and a FIM token)
    /// does not evict another document's cache.
    /// </summary>
    public int MinReuseTokens { get; init; } = 16;

    /// <summary>
    /// Runs of at least this many tokens that a slot caches at other positions than the prompt's are reused by
    /// shifting their positions (<see cref="KvChunkPlanner"/>); 0 = only the common prefix is reused.
    /// </summary>
    public int MinChunkTokens { get; init; } = 64;
}
