using LlamaCode.DevTools.Evaluation;

namespace LlamaCode.LanguageServer.Tests.Evaluation;

/// <summary>The dev and report halves of the recall cursors: by file path, stable, and both used.</summary>
public sealed class CursorSplitSpec
{
    private static RecallCursor At(string path) => new(path, "x", 0, 0, "X", new HashSet<string> { "other.cs" });

    [Fact]
    public void A_file_is_in_the_same_half_whatever_else_is_sampled()
    {
        var paths = Enumerable.Range(0, 200).Select(i => $"src/Project{i % 7}/File{i}.cs").ToList();
        var alone = paths.Select(p => CursorSplit.Only([At(p)], CursorHalf.Dev).Count == 1).ToList();
        var together = CursorSplit.Only(paths.Select(At), CursorHalf.Dev).Select(c => c.Path).ToHashSet();
        Assert.Equal(alone, paths.Select(together.Contains).ToList());
    }

    [Fact]
    public void The_halves_are_disjoint_cover_every_cursor_and_are_of_similar_size()
    {
        var cursors = Enumerable.Range(0, 400).Select(i => At($"src/Lib/Sub{i % 13}/Type{i}.cs")).ToList();
        var dev = CursorSplit.Only(cursors, CursorHalf.Dev);
        var report = CursorSplit.Only(cursors, CursorHalf.Report);
        Assert.Equal(cursors.Count, dev.Count + report.Count);
        Assert.Empty(dev.Select(c => c.Path).Intersect(report.Select(c => c.Path)));
        Assert.InRange(dev.Count, 160, 240);
    }
}
