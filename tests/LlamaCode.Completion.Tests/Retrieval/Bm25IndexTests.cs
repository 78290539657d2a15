using LlamaCode.Completion.Retrieval;

namespace LlamaCode.Completion.Tests.Retrieval;

public class Bm25IndexTests
{
    private static Dictionary<string, double> Query(params string[] terms) => terms.ToDictionary(t => t, _ => 1.0);

    private static Bm25Index IndexOf(params (string Path, string Text)[] files)
    {
        var index = new Bm25Index();
        foreach (var (path, text) in files) index.SetFile(path, Chunker.Chunk(path, text));
        return index;
    }

    [Fact]
    public void A_rarer_term_counts_more_than_a_common_one()
    {
        var index = IndexOf(("a.txt", "customer order"), ("b.txt", "customer invoice"), ("c.txt", "customer payment"));

        var scores = index.Score(Query("customer", "invoice")).ToDictionary(s => s.Chunk.Path, s => s.Score);

        Assert.True(scores["b.txt"] > scores["a.txt"]);
        Assert.Equal(scores["a.txt"], scores["c.txt"], 9);
    }

    [Fact]
    public void Adding_and_removing_a_file_updates_frequencies_and_lengths_in_place()
    {
        var index = IndexOf(("a.txt", "alpha beta"), ("b.txt", "alpha gamma delta epsilon"));
        Assert.Equal(2, index.DocumentFrequency("alpha"));
        Assert.Equal(3.0, index.AverageLength);

        index.SetFile("a.txt", Chunker.Chunk("a.txt", "zeta"));
        Assert.Equal(1, index.DocumentFrequency("alpha"));
        Assert.Equal(0, index.DocumentFrequency("beta"));
        Assert.Equal(1, index.DocumentFrequency("zeta"));
        Assert.Equal(2.5, index.AverageLength);

        Assert.True(index.RemoveFile("b.txt"));
        Assert.Equal(0, index.DocumentFrequency("alpha"));
        Assert.Equal((1, 1), (index.FileCount, index.ChunkCount));
        Assert.Empty(index.Score(Query("alpha", "gamma")));
    }

    [Fact]
    public void Scores_equal_those_of_an_index_built_from_scratch()
    {
        var updated = IndexOf(("a.txt", "alpha beta"), ("b.txt", "beta gamma"), ("c.txt", "old text"));
        updated.SetFile("c.txt", Chunker.Chunk("c.txt", "alpha gamma gamma"));
        updated.RemoveFile("b.txt");
        var fresh = IndexOf(("a.txt", "alpha beta"), ("c.txt", "alpha gamma gamma"));

        var query = Query("alpha", "gamma");
        Assert.Equal(
            fresh.Score(query).OrderBy(s => s.Chunk.Path).Select(s => Math.Round(s.Score, 9)),
            updated.Score(query).OrderBy(s => s.Chunk.Path).Select(s => Math.Round(s.Score, 9)));
    }
}
