using System.Text;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.Retrieval;

public sealed class RepositoryIndexTests : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private RepositoryIndex Build(RepositoryIndexOptions? options = null, WorkspaceFileOptions? fileOptions = null)
    {
        var index = new RepositoryIndex(new WorkspaceFiles(workspace.Root, fileOptions), options);
        index.BuildAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        return index;
    }

    private static RetrievalQuery At(string path, string fixture)
    {
        var (prefix, suffix) = Cursor.Split(fixture);
        return new RetrievalQuery(path, prefix, suffix);
    }

    private void WriteShop()
    {
        workspace.Write("src/OrderRepository.cs", """
            namespace Shop;

            public sealed class OrderRepository(Database db)
            {
                public Order? Find(int id) => db.Orders.Find(id);
                public void Add(Order order) => db.Orders.Add(order);
            }
            """);
        workspace.Write("src/CustomerRepository.cs", """
            namespace Shop;

            public sealed class CustomerRepository(Database db)
            {
                public Customer? Find(int id) => db.Customers.Find(id);
            }
            """);
        workspace.Write("src/Order.cs", "namespace Shop;\n\npublic sealed record Order(int Id, decimal Total);\n");
        workspace.Write("README.md", "# Shop\n\nA shop with customers.\n");
    }

    [Fact]
    public void Ranks_first_the_chunk_that_declares_the_type_the_cursor_uses()
    {
        WriteShop();
        var index = Build();

        var results = index.Search(At("src/Checkout.cs", "var orderRepository = services.Get();\norderRepository.$0"), 5);

        Assert.Equal("src/OrderRepository.cs", results[0].Path);
        Assert.Contains("class OrderRepository", results[0].Text);
        Assert.Equal((2, 6), (results[0].StartLine, results[0].EndLine));
    }

    [Fact]
    public void Leaves_out_the_current_file()
    {
        WriteShop();
        var index = Build();

        var results = index.Search(At("src/OrderRepository.cs", "orderRepository.$0"), 5);

        Assert.DoesNotContain(results, r => r.Path == "src/OrderRepository.cs");
    }

    [Fact]
    public void Reports_progress_and_stats()
    {
        WriteShop();
        var index = new RepositoryIndex(new WorkspaceFiles(workspace.Root));
        var reports = new List<IndexProgress>();

        index.BuildAsync(new SynchronousProgress(reports.Add), CancellationToken.None).GetAwaiter().GetResult();

        Assert.Equal(new IndexProgress(4, 4), reports.MaxBy(r => r.FilesDone));
        Assert.Equal(4, index.Stats.Files);
        Assert.True(index.Stats.Chunks >= 4);
        Assert.NotNull(index.Stats.BuildTime);
    }

    [Fact]
    public void The_editor_text_of_a_file_changed_during_the_build_wins_over_the_disk()
    {
        WriteShop();
        var index = new RepositoryIndex(new WorkspaceFiles(workspace.Root));
        // The first report comes before any file is read.
        var progress = new SynchronousProgress(p =>
        {
            if (p.FilesDone == 0) index.UpdateDocument("src/Order.cs", "record Invoice(int Number);");
        });

        index.BuildAsync(progress, CancellationToken.None).GetAwaiter().GetResult();

        Assert.Equal("record Invoice(int Number);", Assert.Single(index.Search(At("a.cs", "Invoice$0"), 10)).Text);
    }

    [Fact]
    public void An_updated_document_is_found_by_its_new_terms_only()
    {
        WriteShop();
        var index = Build();

        index.UpdateDocument("src/Order.cs", "namespace Shop;\n\npublic sealed record Invoice(int Number);\n");

        Assert.DoesNotContain(index.Search(At("a.cs", "Order$0"), 10), r => r.Path == "src/Order.cs");
        Assert.Equal("src/Order.cs", Assert.Single(index.Search(At("a.cs", "Invoice$0"), 10)).Path);
    }

    [Fact]
    public void A_removed_document_is_not_found()
    {
        WriteShop();
        var index = Build();

        index.RemoveDocument("src/CustomerRepository.cs");

        Assert.DoesNotContain(index.Search(At("a.cs", "CustomerRepository$0"), 10), r => r.Path == "src/CustomerRepository.cs");
        Assert.Equal(3, index.Stats.Files);
    }

    [Fact]
    public void Refreshing_from_disk_reads_a_file_again_or_drops_it()
    {
        WriteShop();
        var index = Build();

        workspace.Write("src/Order.cs", "record Shipment(int Id);");
        index.RefreshFromDisk("src/Order.cs");
        Assert.Single(index.Search(At("a.cs", "Shipment$0"), 10));

        workspace.Write("src/Order.cs", [0x53, 0x68, 0x69, 0x70, 0x00, 0x01]);
        index.RefreshFromDisk("src/Order.cs");
        Assert.Empty(index.Search(At("a.cs", "Shipment$0"), 10));
        Assert.Equal(1, index.Stats.Skipped[SkipReason.Binary]);

        workspace.Delete("src/Order.cs");
        index.RefreshFromDisk("src/Order.cs");
        Assert.Empty(index.Stats.Skipped);
        Assert.Equal(3, index.Stats.Files);
    }

    [Fact]
    public void Gitignored_binary_and_large_files_are_not_indexed()
    {
        workspace.Write(".gitignore", "bin/\n*.g.cs\n");
        workspace.Write("bin/Debug/Widget.cs", "class WidgetCopy { }");
        workspace.Write("Widget.g.cs", "class WidgetGenerated { }");
        workspace.Write("widget.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x57, 0x69, 0x64, 0x67, 0x65, 0x74]);
        workspace.Write("big.txt", "widget " + new string('x', 2000));
        workspace.Write("Widget.cs", "class Widget { }");

        var index = Build(fileOptions: new WorkspaceFileOptions { MaxFileBytes = 1000 });

        Assert.Equal(["Widget.cs", ".gitignore"], index.Search(At("a.cs", "widget$0 bin"), 10).Select(r => r.Path));
        Assert.Equal(1, index.Stats.Skipped[SkipReason.Binary]);
        Assert.Equal(1, index.Stats.Skipped[SkipReason.TooLarge]);

        index.UpdateDocument("Widget.g.cs", "class WidgetGenerated { }"); // opened in the editor: still ignored
        Assert.DoesNotContain(index.Search(At("a.cs", "WidgetGenerated$0"), 10), r => r.Path == "Widget.g.cs");
    }

    [Theory]
    [InlineData("utf-8 BOM, CRLF")]
    [InlineData("utf-16 BOM, CRLF")]
    public void Files_with_a_BOM_and_CRLF_index_with_the_lines_an_editor_shows(string encoding)
    {
        var text = "// header\r\n\r\nclass Ledger\r\n{\r\n    int balance;\r\n}\r\n";
        var bytes = encoding.StartsWith("utf-8")
            ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]
            : (byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
        workspace.Write("Ledger.cs", bytes);

        var result = Assert.Single(Build().Search(At("a.cs", "Ledger$0"), 10));

        Assert.Equal((2, 5), (result.StartLine, result.EndLine));
        Assert.Equal("class Ledger\r\n{\r\n    int balance;\r\n}", result.Text);
    }

    [Fact]
    public void Of_identical_chunks_in_two_files_one_is_kept()
    {
        const string Helper = "static class Guard\n{\n    public static void NotNull(object value) { }\n}\n";
        workspace.Write("a/Guard.cs", Helper);
        workspace.Write("b/Guard.cs", Helper.Replace("    ", "\t"));
        workspace.Write("c/Other.cs", "class Check { void Run() => Guard.NotNull(this); }");

        var results = Build().Search(At("x.cs", "Guard.NotNull$0"), 10);

        Assert.Equal(["a/Guard.cs", "c/Other.cs"], results.Select(r => r.Path)); // ties go to the first path
    }

    [Fact]
    public void Recently_edited_files_are_boosted_and_the_boost_decays()
    {
        workspace.Write("a.txt", "shipping rate table");
        workspace.Write("b.txt", "shipping rate table");
        var clock = new ManualClock();
        var index = Build(new RepositoryIndexOptions { Clock = clock, RecencyHalfLife = TimeSpan.FromMinutes(10) });
        var query = At("x.cs", "shipping$0");
        var unboosted = index.Search(query, 10).Select(r => r.Path).ToList();
        Assert.Equal(["a.txt"], unboosted); // duplicates: the first path wins a tie

        index.MarkRecent("b.txt", RecencyKind.Edited);
        var boosted = Assert.Single(index.Search(query, 10));
        Assert.Equal("b.txt", boosted.Path);

        clock.Advance(TimeSpan.FromMinutes(10));
        var decayed = Assert.Single(index.Search(query, 10));
        Assert.Equal(boosted.Score - decayed.Score, new RepositoryIndexOptions().EditedBoost / 2, 9);
    }

    [Fact]
    public void Results_are_ordered_by_score_then_path_then_line()
    {
        workspace.Write("b.txt", "invoice gamma");
        workspace.Write("a.txt", "invoice alpha");
        workspace.Write("c.txt", "invoice invoice total");

        var results = Build().Search(At("x.cs", "invoice$0"), 10);

        Assert.Equal(["c.txt", "a.txt", "b.txt"], results.Select(r => r.Path));
        Assert.True(results[0].Score > results[1].Score);
        Assert.Equal(results[1].Score, results[2].Score);
    }

    [Fact]
    public void The_best_are_found_among_many_matches()
    {
        // File i holds "needle" (i % 10 + 1) times: the ten files with i % 10 == 9 score best, equally.
        for (int i = 0; i < 100; i++)
            workspace.Write($"f{i:D3}.txt", string.Concat(Enumerable.Repeat("needle ", i % 10 + 1)) + $"word{i}");

        var results = Build().Search(At("x.cs", "needle$0"), 5);

        Assert.Equal(["f009.txt", "f019.txt", "f029.txt", "f039.txt", "f049.txt"], results.Select(r => r.Path));
    }

    [Fact]
    public async Task Searches_run_while_documents_change()
    {
        for (int i = 0; i < 50; i++) workspace.Write($"src/File{i}.cs", $"class Service{i} {{ void Handle{i}(Request request) {{ }} }}");
        var index = new RepositoryIndex(new WorkspaceFiles(workspace.Root));
        var build = index.BuildAsync(null, CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        // Own threads: on a two-core machine the thread pool would start the readers only after the writer stops.
        var writer = Task.Factory.StartNew(() =>
        {
            for (int n = 0; !stop.IsCancellationRequested; n++)
            {
                index.UpdateDocument($"src/File{n % 50}.cs", $"class Service{n} {{ void Handle(Request request) {{ }} }}");
                if (n % 7 == 0) index.RemoveDocument($"src/File{(n + 3) % 50}.cs");
                index.MarkRecent($"src/File{n % 50}.cs", RecencyKind.Edited);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            int searches = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.All(index.Search(At("x.cs", "request.Handle$0"), 5), r => Assert.Contains("request", r.Text));
                searches++;
            }
            return searches;
        }, TaskCreationOptions.LongRunning)).ToList();

        await Task.WhenAll([build, writer, .. readers]);
        Assert.All(readers, r => Assert.True(r.Result > 0));
    }

    [Fact]
    public void A_query_without_terms_finds_nothing()
    {
        WriteShop();
        Assert.Empty(Build().Search(At("x.cs", "{ ( ) }$0"), 10));
    }

    private sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        private readonly Lock gate = new();
        public void Report(IndexProgress value) { lock (gate) report(value); }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
    }
}
