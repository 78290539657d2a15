using LlamaCode.Completion.Retrieval;

namespace LlamaCode.Completion.Tests.Retrieval;

public class ChunkerTests
{
    // Lines:                   0
    private const string LargeType = """
        using System;

        namespace Shop;

        /// <summary>Orders.</summary>
        [Serializable]
        public class OrderService : IOrderService
        {
            private readonly IOrderRepository repository;
            private readonly ILogger logger;

            public OrderService(IOrderRepository repository, ILogger logger)
            {
                this.repository = repository;
                this.logger = logger;
            }

            // Saves an order.
            public void Save(Order order) => repository.Add(order);

            public int Count { get; private set; }

            public event EventHandler? Changed;

            private sealed class Cache
            {
                public Order? Last;
            }
        }

        public record Money(decimal Amount, string Currency);
        """;

    private static string Lines(IReadOnlyList<CodeChunk> chunks) =>
        string.Join(", ", chunks.Select(c => $"{c.StartLine}-{c.EndLine}"));

    [Fact]
    public void A_large_type_gives_a_header_chunk_and_one_chunk_per_member()
    {
        var chunks = Chunker.Chunk("Shop/OrderService.cs", LargeType, new ChunkingOptions { SmallTypeMaxLines = 10 });

        // header (doc comment, attribute, declaration, brace); fields; constructor; Save with its comment; Count;
        // Changed; the nested class (small); the record (small, one line).
        Assert.Equal("4-7, 8-9, 11-15, 17-18, 20-20, 22-22, 24-27, 30-30", Lines(chunks));
        Assert.Equal("""
            /// <summary>Orders.</summary>
            [Serializable]
            public class OrderService : IOrderService
            {
            """, chunks[0].Text);
        Assert.All(chunks, c => Assert.Equal("Shop/OrderService.cs", c.Path));
        Assert.Contains("orderservice", chunks[0].Terms.Keys);
    }

    [Fact]
    public void A_small_type_is_one_chunk_with_its_declaration()
    {
        var chunks = Chunker.Chunk("Shop/OrderService.cs", LargeType);

        Assert.Equal("4-28, 30-30", Lines(chunks));
        Assert.StartsWith("/// <summary>Orders.</summary>", chunks[0].Text);
        Assert.EndsWith("}", chunks[0].Text);
    }

    [Fact]
    public void A_long_member_is_split_into_overlapping_windows()
    {
        var body = string.Concat(Enumerable.Range(0, 100).Select(i => $"        Step{i}();\n"));
        var text = $"class LongWork\n{{\n    void Run()\n    {{\n{body}    }}\n\n    void Other() {{ }}\n}}\n";
        var options = new ChunkingOptions { SmallTypeMaxLines = 10, MaxChunkLines = 60, LongChunkWindowLines = 40, LongChunkWindowStep = 30 };

        var chunks = Chunker.Chunk("Long.cs", text, options);

        // Run spans lines 2-104 (100 body lines from line 4): windows 2-41, 32-71, 62-101, 92-104.
        Assert.Equal("0-1, 2-41, 32-71, 62-101, 92-104, 106-106", Lines(chunks));
    }

    [Fact]
    public void Other_files_are_windows_of_lines_with_overlap()
    {
        var text = string.Join("\n", Enumerable.Range(0, 45).Select(i => $"line{i}"));

        var chunks = Chunker.Chunk("notes.md", text);

        Assert.Equal("0-19, 10-29, 20-39, 30-44", Lines(chunks));
        Assert.Equal("line10", chunks[1].Text.Split('\n')[0]);
    }

    [Fact]
    public void Line_numbers_count_CRLF_and_CR_as_one_break()
    {
        var text = "class Account\r\n{\r\n    int total;\r\r    void Deposit() { }\n}\r\n";

        var chunks = Chunker.Chunk("A.cs", text, new ChunkingOptions { SmallTypeMaxLines = 2 });

        Assert.Equal("0-1, 2-2, 4-4", Lines(chunks));
        Assert.Equal("class Account\r\n{", chunks[0].Text);
        Assert.Equal("    void Deposit() { }", chunks[2].Text);
    }

    [Fact]
    public void Top_level_statements_are_chunked_and_usings_are_not()
    {
        var chunks = Chunker.Chunk("Program.cs", "using System;\n\nvar app = Build();\napp.Run();\n\nstatic App Build() => new();\n");

        Assert.Equal("2-5", Lines(chunks)); // a local function is a statement too
    }

    [Fact]
    public void Ranges_without_terms_are_not_chunks() =>
        Assert.Empty(Chunker.Chunk("empty.txt", "\n\n{ }\n"));
}
