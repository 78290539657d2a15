namespace LlamaCode.Completion.Retrieval;

/// <summary>When each file was last opened, edited or viewed, and the search boost that earns it (thread-safe).</summary>
internal sealed class RecencyTracker(RepositoryIndexOptions options)
{
    private static readonly RecencyKind[] Kinds = Enum.GetValues<RecencyKind>();
    private readonly Lock gate = new();
    private readonly Dictionary<(string Path, RecencyKind Kind), DateTimeOffset> marks = [];

    public void Mark(string path, RecencyKind kind)
    {
        var now = options.Clock.GetUtcNow();
        lock (gate) marks[(path, kind)] = now;
    }

    public void Forget(string path)
    {
        lock (gate)
            foreach (var kind in Kinds) marks.Remove((path, kind));
    }

    /// <summary>The largest boost of the file's marks, each halved per <see cref="RepositoryIndexOptions.RecencyHalfLife"/> since.</summary>
    public double Boost(string path, DateTimeOffset now)
    {
        double boost = 0;
        lock (gate)
        {
            foreach (var kind in Kinds)
            {
                if (!marks.TryGetValue((path, kind), out var at)) continue;
                double halfLives = Math.Max(0, (now - at) / options.RecencyHalfLife);
                boost = Math.Max(boost, Weight(kind) * Math.Pow(0.5, halfLives));
            }
        }
        return boost;
    }

    private double Weight(RecencyKind kind) => kind switch
    {
        RecencyKind.Edited => options.EditedBoost,
        RecencyKind.Opened => options.OpenedBoost,
        _ => options.ViewedBoost,
    };
}
