namespace LlamaCode.LanguageServer.Server;

/// <summary>One served inline request, as llamacode/stats reports it.</summary>
public sealed record ServedRequest(
    string Uri, string Source, int PromptTokens, int CachedTokens, int DecodedTokens, int GeneratedTokens,
    double TimeToFirstTokenMs, double TotalMs, DateTimeOffset At)
{
    /// <summary>The time a remote inference server reported for the request (null: local, or not reported).</summary>
    public double? ServerMs { get; init; }

    /// <summary>Answered with the small fallback prompt: the full prompt's uncached part did not fit the prefill target.</summary>
    public bool Fallback { get; init; }

    /// <summary>Where the time went: context and prompt, the backend's own work in the HTTP exchange, post-processing (null when not measured).</summary>
    public double? ComposeMs { get; init; }
    public double? ClientMs { get; init; }
    public double? PostProcessMs { get; init; }
}

/// <summary>The most recent served requests.</summary>
public sealed class ServedStats(int capacity = 1000)
{
    private readonly LinkedList<ServedRequest> _recent = new();
    private readonly Lock _gate = new();

    public void Add(ServedRequest request)
    {
        lock (_gate)
        {
            _recent.AddLast(request);
            while (_recent.Count > capacity) _recent.RemoveFirst();
        }
    }

    public IReadOnlyList<ServedRequest> Recent()
    {
        lock (_gate) return _recent.ToArray();
    }
}
