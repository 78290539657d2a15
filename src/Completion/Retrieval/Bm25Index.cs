using System.Runtime.InteropServices;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// Okapi BM25 over chunks, updated a file at a time: adding or removing a file's chunks updates the postings,
/// the document frequencies and the total length (hence the average) in place, with no rebuild.
/// Not thread-safe: <see cref="RepositoryIndex"/> serializes writers against readers.
/// </summary>
public sealed class Bm25Index(double k1 = 1.2, double b = 0.75)
{
    // Chunk ids index these lists; the ids of removed chunks are reused, so that they stay dense.
    private readonly List<CodeChunk?> chunks = [];
    private readonly List<int> lengths = [];
    private readonly Stack<int> freeIds = new();
    private int chunkCount;
    private readonly Dictionary<string, int[]> idsByPath = new(StringComparer.Ordinal);
    // Term -> (id of a chunk that contains it -> occurrences there); the count is the term's document frequency.
    private readonly Dictionary<string, Dictionary<int, int>> postings = new(StringComparer.Ordinal);
    private long totalLength;

    public int FileCount => idsByPath.Count;
    public int ChunkCount => chunkCount;
    public double AverageLength => chunkCount == 0 ? 0 : (double)totalLength / chunkCount;
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
            int id = ids[i] = NewId(chunk);
            totalLength += chunk.Length;
            foreach (var (term, count) in chunk.Terms)
            {
                if (!postings.TryGetValue(term, out var set)) postings[term] = set = [];
                set.Add(id, count);
            }
        }
        idsByPath[path] = ids;
    }

    public bool RemoveFile(string path)
    {
        if (!idsByPath.Remove(path, out var ids)) return false;
        foreach (int id in ids)
        {
            var chunk = chunks[id]!;
            chunks[id] = null;
            freeIds.Push(id);
            chunkCount--;
            totalLength -= chunk.Length;
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
    /// (the query-side term frequency). The chunks of <paramref name="excludedPath"/> are left out.
    /// </summary>
    public List<(CodeChunk Chunk, double Score)> Score(IReadOnlyDictionary<string, double> weightedTerms, string? excludedPath = null)
    {
        var excluded = excludedPath is not null && idsByPath.TryGetValue(excludedPath, out var ids) ? ids : [];
        // Dense accumulators: every term of every matching chunk adds a positive amount.
        var scores = new double[chunks.Count];
        var matched = new List<int>();
        var length = CollectionsMarshal.AsSpan(lengths);
        double averageLength = Math.Max(AverageLength, 1e-9);
        foreach (var (term, weight) in weightedTerms)
        {
            if (weight <= 0 || !postings.TryGetValue(term, out var posting)) continue;
            double idf = Idf(chunkCount, posting.Count);
            foreach (var (id, tf) in posting)
            {
                double norm = k1 * (1 - b + b * length[id] / averageLength);
                if (scores[id] == 0) matched.Add(id);
                scores[id] += weight * idf * tf * (k1 + 1) / (tf + norm);
            }
        }
        foreach (int id in excluded) scores[id] = 0;
        var result = new List<(CodeChunk, double)>(matched.Count);
        foreach (int id in matched)
            if (scores[id] > 0) result.Add((chunks[id]!, scores[id]));
        return result;
    }

    private int NewId(CodeChunk chunk)
    {
        chunkCount++;
        if (freeIds.TryPop(out int id))
        {
            chunks[id] = chunk;
            lengths[id] = chunk.Length;
            return id;
        }
        chunks.Add(chunk);
        lengths.Add(chunk.Length);
        return chunks.Count - 1;
    }

    /// <summary>Lucene's form of the inverse document frequency: never negative, even for a term in most chunks.</summary>
    private static double Idf(int n, int df) => Math.Log(1 + (n - df + 0.5) / (df + 0.5));
}
