namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// Okapi BM25 over chunks, updated a file at a time: adding or removing a file's chunks updates the postings,
/// the document frequencies and the total length (hence the average) in place, with no rebuild.
/// Not thread-safe: <see cref="RepositoryIndex"/> serializes writers against readers.
/// </summary>
public sealed class Bm25Index(double k1 = 1.2, double b = 0.75)
{
    private readonly Dictionary<int, CodeChunk> chunks = [];
    private readonly Dictionary<string, int[]> idsByPath = new(StringComparer.Ordinal);
    // Term -> ids of the chunks that contain it; the set's size is the term's document frequency.
    private readonly Dictionary<string, HashSet<int>> postings = new(StringComparer.Ordinal);
    private long totalLength;
    private int nextId;

    public int FileCount => idsByPath.Count;
    public int ChunkCount => chunks.Count;
    public double AverageLength => chunks.Count == 0 ? 0 : (double)totalLength / chunks.Count;
    public IEnumerable<string> Paths => idsByPath.Keys;

    public bool Contains(string path) => idsByPath.ContainsKey(path);

    public int DocumentFrequency(string term) => postings.TryGetValue(term, out var ids) ? ids.Count : 0;

    /// <summary>Replaces the chunks of <paramref name="path"/> (all of which must belong to it).</summary>
    public void SetFile(string path, IReadOnlyList<CodeChunk> fileChunks)
    {
        RemoveFile(path);
        var ids = new int[fileChunks.Count];
        for (int i = 0; i < fileChunks.Count; i++)
        {
            var chunk = fileChunks[i];
            if (!string.Equals(chunk.Path, path, StringComparison.Ordinal))
                throw new ArgumentException($"A chunk of {chunk.Path} was given for {path}.", nameof(fileChunks));
            int id = ids[i] = nextId++;
            chunks.Add(id, chunk);
            totalLength += chunk.Length;
            foreach (var term in chunk.Terms.Keys)
            {
                if (!postings.TryGetValue(term, out var set)) postings[term] = set = [];
                set.Add(id);
            }
        }
        idsByPath[path] = ids;
    }

    public bool RemoveFile(string path)
    {
        if (!idsByPath.Remove(path, out var ids)) return false;
        foreach (int id in ids)
        {
            chunks.Remove(id, out var chunk);
            totalLength -= chunk!.Length;
            foreach (var term in chunk.Terms.Keys)
            {
                var set = postings[term];
                set.Remove(id);
                if (set.Count == 0) postings.Remove(term);
            }
        }
        return true;
    }

    /// <summary>
    /// The BM25 score of every chunk that holds at least one query term, each term counted with its weight
    /// (the query-side term frequency). Chunks for which <paramref name="include"/> is false are skipped.
    /// </summary>
    public List<(CodeChunk Chunk, double Score)> Score(IReadOnlyDictionary<string, double> weightedTerms, Func<CodeChunk, bool>? include = null)
    {
        var scores = new Dictionary<int, double>();
        int n = chunks.Count;
        double averageLength = Math.Max(AverageLength, 1e-9);
        foreach (var (term, weight) in weightedTerms)
        {
            if (!postings.TryGetValue(term, out var ids)) continue;
            double idf = Idf(n, ids.Count);
            foreach (int id in ids)
            {
                var chunk = chunks[id];
                if (include is not null && !include(chunk)) continue;
                double tf = chunk.Terms[term];
                double norm = k1 * (1 - b + b * chunk.Length / averageLength);
                scores[id] = scores.GetValueOrDefault(id) + weight * idf * tf * (k1 + 1) / (tf + norm);
            }
        }
        return scores.Select(s => (chunks[s.Key], s.Value)).ToList();
    }

    /// <summary>Lucene's form of the inverse document frequency: never negative, even for a term in most chunks.</summary>
    private static double Idf(int n, int df) => Math.Log(1 + (n - df + 0.5) / (df + 0.5));
}
