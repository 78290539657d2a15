using LlamaCode.Completion.Retrieval;

namespace LlamaCode.Completion.Tests.Retrieval;

/// <summary>A chunk keeps its term ids gap-coded: every id comes back, in order, and near-duplicates compare as sets.</summary>
public sealed class IndexedChunkTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 1, 2, 127, 128, 129 })]
    // Gaps of one, two, three, four and five bytes.
    [InlineData(new[] { 5, 300, 17_000, 2_200_000, 300_000_000, int.MaxValue })]
    public void Its_term_ids_come_back_ascending(int[] ids)
    {
        var chunk = new IndexedChunk("a.cs", 1, 2, ids, length: ids.Length * 2);

        var back = new List<int>();
        foreach (int id in chunk.TermIds) back.Add(id);

        Assert.Equal(ids, back);
        Assert.Equal(ids.Length, chunk.TermCount);
    }

    [Fact]
    public void Ids_out_of_order_are_refused() =>
        Assert.Throws<ArgumentException>(() => new IndexedChunk("a.cs", 1, 2, [3, 1], length: 2));

    [Theory]
    // terms of a, terms of b → |a ∩ b| / |a ∪ b|
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, 1.0)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 4, 5 }, 0.0)]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 3, 4, 5, 6 }, 2.0 / 6)]
    [InlineData(new[] { 10, 200_000 }, new[] { 200_000 }, 0.5)]
    public void Near_duplicates_compare_by_their_term_sets(int[] a, int[] b, double jaccard) =>
        Assert.Equal(jaccard, IndexedChunk.Jaccard(new IndexedChunk("a.cs", 1, 2, a, 9), new IndexedChunk("b.cs", 1, 2, b, 9)), 9);
}
