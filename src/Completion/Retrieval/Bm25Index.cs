using System.Runtime.InteropServices;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// Okapi BM25 over chunks, updated a file at a time: adding or removing a file's chunks updates the postings,
/// the document frequencies and the total length (hence the average) in place, with no rebuild.
/// Not thread-safe: <see cref="RepositoryIndex"/> serializes writers against readers.
/// </summary>
/// <remarks>
/// Sized for repositories of millions of lines: terms are interned once as ids, a chunk keeps only its term ids,
/// gap-coded (no text, no dictionary, no counts: those are in the postings), and a term's postings are two parallel
/// arrays. On a 1.7M-line repository this holds in about a tenth of the memory of dictionaries of strings.
/// </remarks>
public sealed class Bm25Index(double k1 = 1.2, double b = 0.75)
{
    // Chunk ids index these lists; the ids of removed chunks are reused, so that they stay dense.
    private readonly List<IndexedChunk?> chunks = [];
    private readonly List<int> lengths = [];
    private readonly Stack<int> freeIds = new();
    private int chunkCount;
    private readonly Dictionary<string, int[]> idsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<string> terms = [];
    // By term id: the chunks that contain it and how often; the count is the term's document frequency.
    private readonly List<Posting> postings = [];
    private long totalLength;

    private sealed class Posting
    {
        public int[] Ids = new int[2];
        public ushort[] Counts = new ushort[2];
        public int Count;

        public void Add(int id, ushort count)
        {
            if (Count >= Ids.Length)
            {
                Array.Resize(ref Ids, Math.Max(2, Count * 2));
                Array.Resize(ref Counts, Math.Max(2, Count * 2));
            }
            Ids[Count] = id;
            Counts[Count++] = count;
        }

        public void TrimExcess()
        {
            if (Ids.Length == Count) return;
            Array.Resize(ref Ids, Math.Max(Count, 1));
            Array.Resize(ref Counts, Math.Max(Count, 1));
        }

        public void Remove(int id)
        {
            int at = Array.IndexOf(Ids, id, 0, Count);
            if (at < 0) return;
            Count--;
            Ids[at] = Ids[Count];
            Counts[at] = Counts[Count];
            if (Count > 0 && Count * 4 <= Ids.Length && Ids.Length > 8)
            {
                Array.Resize(ref Ids, Ids.Length / 2);
                Array.Resize(ref Counts, Counts.Length / 2);
            }
        }
    }

    /// <summary>Gives back the room postings grew into while a build added files (up to half of their arrays).</summary>
    public void TrimExcess()
    {
        foreach (var posting in postings) posting.TrimExcess();
        chunks.TrimExcess();
        lengths.TrimExcess();
        terms.TrimExcess();
    }

    public int FileCount => idsByPath.Count;
    public int ChunkCount => chunkCount;
    public int TermCount => terms.Count;
    public double AverageLength => chunkCount == 0 ? 0 : (double)totalLength / chunkCount;
    public IEnumerable<string> Paths => idsByPath.Keys;

    public bool Contains(string path) => idsByPath.ContainsKey(path);

    public int DocumentFrequency(string term) => termIds.TryGetValue(term, out int id) ? postings[id].Count : 0;

    /// <summary>The term an id stands for.</summary>
    public string Term(int id) => terms[id];

    /// <summary>The chunks of a file, in order (empty when it is not indexed).</summary>
    public IReadOnlyList<IndexedChunk> ChunksOf(string path) =>
        idsByPath.TryGetValue(path, out var ids) ? ids.Select(id => chunks[id]!).ToList() : [];

    /// <summary>Replaces the chunks of <paramref name="path"/> (all of which must belong to it).</summary>
    public void SetFile(string path, IReadOnlyList<CodeChunk> fileChunks) =>
        SetFile(path, fileChunks.Select(c =>
        {
            if (!string.Equals(c.Path, path, StringComparison.Ordinal))
                throw new ArgumentException($"A chunk of {c.Path} was given for {path}.", nameof(fileChunks));
            return (c.StartLine, c.EndLine, (IReadOnlyCollection<KeyValuePair<string, int>>)c.Terms);
        }).ToList());

    /// <summary>Replaces the chunks of <paramref name="path"/>, each given by its lines and its term bag.</summary>
    public void SetFile(string path, IReadOnlyList<(int StartLine, int EndLine, IReadOnlyCollection<KeyValuePair<string, int>> Terms)> fileChunks)
    {
        RemoveFile(path);
        var ids = new int[fileChunks.Count];
        for (int i = 0; i < fileChunks.Count; i++)
        {
            var (start, end, bag) = fileChunks[i];
            var pairs = new (int Id, ushort Count)[bag.Count];
            int n = 0, length = 0;
            foreach (var (term, count) in bag)
            {
                pairs[n++] = (Intern(term), (ushort)Math.Min(count, ushort.MaxValue));
                length += count;
            }
            Array.Sort(pairs, (x, y) => x.Id.CompareTo(y.Id));
            var termIds = System.Buffers.ArrayPool<int>.Shared.Rent(n);
            for (int k = 0; k < n; k++) termIds[k] = pairs[k].Id;
            var chunk = new IndexedChunk(path, start, end, termIds.AsSpan(0, n), length);
            System.Buffers.ArrayPool<int>.Shared.Return(termIds);
            int id = ids[i] = NewId(chunk);
            totalLength += length;
            foreach (var (termId, count) in pairs) postings[termId].Add(id, count);
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
            foreach (int term in chunk.TermIds) postings[term].Remove(id);
        }
        return true;
    }

    /// <summary>
    /// The BM25 score of every chunk that holds at least one query term, each term counted with its weight
    /// (the query-side term frequency). The chunks of <paramref name="excludedPath"/> are left out.
    /// </summary>
    public List<(IndexedChunk Chunk, double Score)> Score(IReadOnlyDictionary<string, double> weightedTerms, string? excludedPath = null)
    {
        var excluded = excludedPath is not null && idsByPath.TryGetValue(excludedPath, out var ids) ? ids : [];
        // Dense accumulators: every term of every matching chunk adds a positive amount.
        var scores = new double[chunks.Count];
        var matched = new List<int>();
        var length = CollectionsMarshal.AsSpan(lengths);
        double averageLength = Math.Max(AverageLength, 1e-9);
        foreach (var (term, weight) in weightedTerms)
        {
            if (weight <= 0 || !termIds.TryGetValue(term, out int termId)) continue;
            var posting = postings[termId];
            if (posting.Count == 0) continue;
            double idf = Idf(chunkCount, posting.Count);
            for (int p = 0; p < posting.Count; p++)
            {
                int id = posting.Ids[p];
                int tf = posting.Counts[p];
                double norm = k1 * (1 - b + b * length[id] / averageLength);
                if (scores[id] == 0) matched.Add(id);
                scores[id] += weight * idf * tf * (k1 + 1) / (tf + norm);
            }
        }
        foreach (int id in excluded) scores[id] = 0;
        var result = new List<(IndexedChunk, double)>(matched.Count);
        foreach (int id in matched)
            if (scores[id] > 0) result.Add((chunks[id]!, scores[id]));
        return result;
    }

    private int Intern(string term)
    {
        if (termIds.TryGetValue(term, out int id)) return id;
        id = terms.Count;
        termIds[term] = id;
        terms.Add(term);
        postings.Add(new Posting());
        return id;
    }

    private int NewId(IndexedChunk chunk)
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
