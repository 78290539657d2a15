namespace LlamaCode.Completion.Retrieval;

/// <summary>Jaccard similarity of term sets: the index keeps only distinct results by it; the benchmarks' baseline ranks windows by it.</summary>
public static class Similarity
{
    /// <summary>|A ∩ B| / |A ∪ B| of the two chunks' term sets (0 when both are empty).</summary>
    public static double Jaccard(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        int common = small.Keys.Count(large.ContainsKey);
        return Jaccard(a.Count, b.Count, common);
    }

    public static double Jaccard(int sizeA, int sizeB, int common)
    {
        int union = sizeA + sizeB - common;
        return union == 0 ? 0 : (double)common / union;
    }
}
