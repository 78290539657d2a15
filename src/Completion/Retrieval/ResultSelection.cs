using System.Text;

namespace LlamaCode.Completion.Retrieval;

/// <summary>Orders scored chunks deterministically and keeps the best of near-duplicates.</summary>
internal static class ResultSelection
{
    /// <summary>Best score first; ties by path (ordinal), then start line.</summary>
    public static readonly Comparison<(CodeChunk Chunk, double Score)> Order = (x, y) =>
    {
        int c = y.Score.CompareTo(x.Score);
        if (c == 0) c = string.CompareOrdinal(x.Chunk.Path, y.Chunk.Path);
        return c != 0 ? c : x.Chunk.StartLine.CompareTo(y.Chunk.StartLine);
    };

    /// <summary>
    /// The best <paramref name="max"/> distinct chunks of <paramref name="scored"/> (see <see cref="KeepDistinct"/>), in
    /// <see cref="Order"/>. Only the top few are sorted, unless too many of those turn out to be duplicates.
    /// </summary>
    public static List<(CodeChunk Chunk, double Score)> Best(List<(CodeChunk Chunk, double Score)> scored, int max, double jaccard)
    {
        int top = Math.Max(64, max * 8);
        if (scored.Count > top)
        {
            var heap = new PriorityQueue<(CodeChunk, double), (CodeChunk Chunk, double Score)>(
                Comparer<(CodeChunk Chunk, double Score)>.Create((x, y) => Order(y, x))); // the worst of the best on top
            foreach (var s in scored)
            {
                if (heap.Count < top) heap.Enqueue(s, s);
                else if (Order(s, heap.Peek()) < 0) heap.EnqueueDequeue(s, s);
            }
            var best = heap.UnorderedItems.Select(i => i.Element).ToList();
            best.Sort(Order);
            var kept = KeepDistinct(best, max, jaccard);
            if (kept.Count == max) return kept;
        }
        scored.Sort(Order);
        return KeepDistinct(scored, max, jaccard);
    }

    /// <summary>
    /// The first <paramref name="max"/> of <paramref name="ordered"/> that are not near-duplicates of a chunk kept
    /// before them: the same text up to whitespace, term sets with Jaccard ≥ <paramref name="jaccard"/>, or lines
    /// overlapping a kept chunk of the same file (overlapping windows say the same).
    /// </summary>
    public static List<(CodeChunk Chunk, double Score)> KeepDistinct(
        IEnumerable<(CodeChunk Chunk, double Score)> ordered, int max, double jaccard)
    {
        var kept = new List<(CodeChunk Chunk, double Score)>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in ordered)
        {
            if (kept.Count >= max) break;
            var chunk = candidate.Chunk;
            if (!texts.Add(WithoutWhitespace(chunk.Text))) continue;
            if (kept.Any(k => Overlap(k.Chunk, chunk) || Similarity.Jaccard(k.Chunk.Terms, chunk.Terms) >= jaccard)) continue;
            kept.Add(candidate);
        }
        return kept;
    }

    private static bool Overlap(CodeChunk a, CodeChunk b) =>
        a.Path == b.Path && a.StartLine <= b.EndLine && b.StartLine <= a.EndLine;

    private static string WithoutWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
            if (!char.IsWhiteSpace(c)) builder.Append(c);
        return builder.ToString();
    }
}
