using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.Retrieval;

/// <summary>The repository index on disk: a restart reads it instead of chunking again; content decides, not names or dates.</summary>
public sealed class IndexCacheSpec : IDisposable
{
    private readonly TempDirectory workspace = new();
    private readonly TempDirectory cacheDir = new();
    private readonly List<string> warnings = [];

    public void Dispose()
    {
        workspace.Dispose();
        cacheDir.Dispose();
    }

    private string CachePath => Path.Combine(cacheDir.Root, "index.db");

    private RepositoryIndex Start()
    {
        var index = new RepositoryIndex(new WorkspaceFiles(workspace.Root), new RepositoryIndexOptions { CachePath = CachePath, Log = warnings.Add });
        index.BuildAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        return index;
    }

    private void WriteShop()
    {
        workspace.Write("src/OrderRepository.cs", "namespace Shop;\n\npublic sealed class OrderRepository\n{\n    public Order? FindOrder(int id) => null;\n}\n");
        workspace.Write("src/Invoice.cs", "namespace Shop;\n\npublic sealed record Invoice(int Id, decimal Total);\n");
        workspace.Write("notes.md", "# Shop\n\nInvoices are archived yearly.\n");
    }

    private static IReadOnlyList<RetrievedChunk> Find(RepositoryIndex index, string words) =>
        index.Search(new RetrievalQuery("src/Checkout.cs", words, ""), 5);

    [Fact]
    public void A_second_start_reads_every_file_from_the_cache_and_finds_the_same()
    {
        WriteShop();
        var first = Start();
        Assert.Equal((0, 3), first.CacheStats);

        var second = Start();

        Assert.Equal((3, 0), second.CacheStats);
        Assert.Equal(first.Stats.Chunks, second.Stats.Chunks);
        Assert.Equal(Find(first, "order repository find").Select(c => (c.Path, c.StartLine, c.Text)),
                     Find(second, "order repository find").Select(c => (c.Path, c.StartLine, c.Text)));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_file_edited_between_starts_is_chunked_again_and_found_by_its_new_words_only()
    {
        WriteShop();
        Start();
        workspace.Write("src/Invoice.cs", "namespace Shop;\n\npublic sealed record CreditNote(int Id, decimal Amount);\n");

        var restarted = Start();

        Assert.Equal((2, 1), restarted.CacheStats);
        Assert.Contains(Find(restarted, "credit note amount"), c => c.Path == "src/Invoice.cs" && c.Text.Contains("CreditNote"));
        Assert.DoesNotContain(Find(restarted, "invoice total"), c => c.Path == "src/Invoice.cs");
    }

    [Theory]
    [InlineData("not a database at all")]
    [InlineData("SQLite format 3\0 and then nothing that SQLite can read")]
    public void A_corrupt_cache_file_is_rebuilt_with_a_warning(string garbage)
    {
        WriteShop();
        Directory.CreateDirectory(cacheDir.Root);
        File.WriteAllText(CachePath, garbage + new string('x', 5000));

        var index = Start();

        Assert.Contains(warnings, w => w.Contains("rebuilding", StringComparison.Ordinal));
        Assert.Equal((0, 3), index.CacheStats);
        Assert.Contains(Find(index, "order repository find"), c => c.Path == "src/OrderRepository.cs");
        Assert.Equal((3, 0), Start().CacheStats);
    }

    [Fact]
    public void A_file_changed_on_disk_without_an_event_is_not_served_as_it_was()
    {
        WriteShop();
        var index = Start();
        workspace.Write("src/OrderRepository.cs", "namespace Shop;\n\npublic sealed class Basket { }\n");

        // Its chunks are still indexed, but their text no longer matches the content hash: they are passed over.
        Assert.DoesNotContain(Find(index, "order repository find"), c => c.Path == "src/OrderRepository.cs");

        index.RefreshFromDisk("src/OrderRepository.cs");
        Assert.Contains(Find(index, "basket"), c => c.Path == "src/OrderRepository.cs");
    }

    [Fact]
    public void Without_a_cache_path_nothing_is_written()
    {
        WriteShop();
        var index = new RepositoryIndex(new WorkspaceFiles(workspace.Root));
        index.BuildAsync(null, CancellationToken.None).GetAwaiter().GetResult();

        Assert.Null(index.CacheStats);
        Assert.False(File.Exists(CachePath));
    }
}
