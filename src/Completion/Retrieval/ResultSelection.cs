using System.Text;

namespace LlamaCode.Completion.Retrieval;

/// <summary>Orders scored chunks deterministically and keeps the best of near-duplicates.</summary>
internal static class ResultSelection
{
    /// <summary>Best score first; ties by path (ordinal), then start line.</summary>
    public static readonly Comparison<(IndexedChunk Chunk, double Score)> Order = (x, y) =>
    {
        int c = y.Score.CompareTo(x.Score);
        if (c == 0) c = string.CompareOrdinal(x.Chunk.Path, y.Chunk.Path);
        return c != 0 ? c : x.Chunk.StartLine.CompareTo(y.Chunk.StartLine);
    };

    /// <summary>
    /// The best <paramref name="max"/> distinct chunks of <paramref name="scored"/> (see <see cref="KeepDistinct"/>), in
    /// <see cref="Order"/>, with their text. Only the top few are sorted (and their texts read), unless too many of
    /// those turn out to be duplicates.
    /// </summary>
    /// <param name="textOf">a chunk's text, or null when it can no longer be read as indexed (the chunk is then passed over)</param>
    public static List<(IndexedChunk Chunk, string Text, double Score)> Best(List<(IndexedChunk Chunk, double Score)> scored, int max,
        double jaccard, Func<IndexedChunk, string?> textOf)
    {
        int top = Math.Max(64, max * 8);
        if (scored.Count > top)
        {
            var heap = new PriorityQueue<(IndexedChunk, double), (IndexedChunk Chunk, double Score)>(
                Comparer<(IndexedChunk Chunk, double Score)>.Create((x, y) => Order(y, x))); // the worst of the best on top
            foreach (var s in scored)
            {
                if (heap.Count < top) heap.Enqueue(s, s);
                else if (Order(s, heap.Peek()) < 0) heap.EnqueueDequeue(s, s);
            }
            var best = heap.UnorderedItems.Select(i => i.Element).ToList();
            best.Sort(Order);
            var kept = KeepDistinct(best, max, jaccard, textOf);
            if (kept.Count == max) return kept;
        }
        scored.Sort(Order);
        return KeepDistinct(scored, max, jaccard, textOf);
    }

    /// <summary>
    /// The first <paramref name="max"/> of <paramref name="ordered"/> that are not near-duplicates of a chunk kept
    /// before them: the same text up to whitespace, term sets with Jaccard ≥ <paramref name="jaccard"/>, or lines
    /// overlapping a kept chunk of the same file (overlapping windows say the same).
    /// </summary>
    public static List<(IndexedChunk Chunk, string Text, double Score)> KeepDistinct(
        IEnumerable<(IndexedChunk Chunk, double Score)> ordered, int max, double jaccard, Func<IndexedChunk, string?> textOf)
    {
        var kept = new List<(IndexedChunk Chunk, string Text, double Score)>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (chunk, score) in ordered)
        {
            if (kept.Count >= max) break;
            if (textOf(chunk) is not { } text || !texts.Add(WithoutWhitespace(text))) continue;
            if (kept.Any(k => Overlap(k.Chunk, chunk) || IndexedChunk.Jaccard(k.Chunk, chunk) >= jaccard)) continue;
            kept.Add((chunk, text, score));
        }
        return kept;
    }

    private static bool Overlap(IndexedChunk a, IndexedChunk b) =>
        a.Path == b.Path && a.StartLine <= b.EndLine && b.StartLine <= a.EndLine;

    private static string WithoutWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
            if (!char.IsWhiteSpace(c)) builder.Append(c);
        return builder.ToString();
    }
}
