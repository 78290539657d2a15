using LlamaCode.Completion.Context;
using LlamaCode.Completion.Prompting;

namespace LlamaCode.Completion.Tests.Context;

public class ContextHysteresisTests
{
    [Theory]
    //           held path  held line  path   line  holds
    [InlineData("a.cs",     10,        "a.cs", 10,   true)]  // typing on the same line
    [InlineData("a.cs",     10,        "a.cs", 22,   true)]  // Enter after Enter, within reach
    [InlineData("a.cs",     10,        "a.cs", 0,    true)]
    [InlineData("a.cs",     10,        "a.cs", 23,   false)] // a jump
    [InlineData("a.cs",     10,        "b.cs", 10,   false)] // another document
    public void Holds_near_where_it_was_retrieved(string heldPath, int heldLine, string path, int line, bool holds) =>
        Assert.Equal(holds, ContextHysteresis.Holds(new HeldContext(heldPath, heldLine, []), path, line));

    [Fact]
    public void Nothing_held_holds_nothing() => Assert.False(ContextHysteresis.Holds(null, "a.cs", 0));

    [Fact]
    public void After_a_jump_blocks_held_before_come_first_in_their_old_order_and_new_ones_follow()
    {
        // Held prompt order: X (0.9), Y (0.5), Z (0.1). Fresh relevance order: N, Z, X; Y is gone.
        var held = new[] { Block("Y", 0.5), Block("X", 0.9), Block("Z", 0.1) };
        var fresh = new[] { Block("N", 0.9), Block("Z", 0.1), Block("X", 0.9) };
        var placed = ContextHysteresis.KeepHeldFirst(held, fresh);

        Assert.Equal(["N", "Z", "X"], placed.Select(b => b.Path)); // relevance order kept: it decides what fits
        var promptOrder = placed.Select((b, i) => (b, i)).OrderByDescending(x => x.b.Stability).ThenBy(x => x.i).Select(x => x.b.Path);
        Assert.Equal(["X", "Z", "N"], promptOrder);
    }

    [Fact]
    public async Task The_stable_source_retrieves_again_only_after_a_jump()
    {
        var inner = new CountingSource();
        var source = new StableContextSource(inner);
        var text = string.Concat(Enumerable.Range(0, 60).Select(i => $"line {i}\n"));
        int At(int line) => text.IndexOf($"line {line}\n", StringComparison.Ordinal);

        var first = await source.RetrieveAsync(new ContextQuery("a.cs", text, At(5)), default);
        var typed = await source.RetrieveAsync(new ContextQuery("a.cs", text.Insert(At(5), "x"), At(5) + 1), default);
        var near = await source.RetrieveAsync(new ContextQuery("a.cs", text, At(12)), default);
        var jumped = await source.RetrieveAsync(new ContextQuery("a.cs", text, At(40)), default);

        Assert.Same(first, typed);
        Assert.Same(first, near);
        Assert.Equal(2, inner.Calls);
        Assert.Equal("block 2", jumped.Single().Path);
    }

    [Fact]
    public async Task While_a_source_fills_in_the_context_is_retrieved_at_every_keystroke_keeping_its_start()
    {
        // The document's project compiles: the first keystrokes get index snippets only; once compiled, the stubs come
        // after the blocks held so far (the prompt's start stays), and from then on the context is held as usual.
        var inner = new FillingSource();
        var source = new StableContextSource(inner);
        var text = string.Concat(Enumerable.Range(0, 60).Select(i => $"line {i}\n"));
        int at = text.IndexOf("line 5\n", StringComparison.Ordinal);

        var first = await source.RetrieveAsync(new ContextQuery("a.cs", text, at), default);
        var second = await source.RetrieveAsync(new ContextQuery("a.cs", text, at + 1), default);
        inner.Compiled = true;
        var third = await source.RetrieveAsync(new ContextQuery("a.cs", text, at + 2), default);
        var fourth = await source.RetrieveAsync(new ContextQuery("a.cs", text, at + 3), default);

        Assert.Equal(["snippet"], first.Select(b => b.Path));
        Assert.Equal(["snippet"], second.Select(b => b.Path));
        Assert.Equal(["stub", "snippet"], third.Select(b => b.Path)); // relevance order: it decides what fits
        var promptOrder = third.Select((b, i) => (b, i)).OrderByDescending(x => x.b.Stability).ThenBy(x => x.i).Select(x => x.b.Path);
        Assert.Equal(["snippet", "stub"], promptOrder); // the held snippet keeps the prompt's start
        Assert.Same(third, fourth);
        Assert.Equal(3, inner.Calls);
        Assert.False(source.IsFillingIn("a.cs"));
    }

    private static ContextBlock Block(string path, double stability) => new(path, $"// {path}", stability);

    /// <summary>Stubs (first, most trusted) once <see cref="Compiled"/>; until then only a snippet, and filling in.</summary>
    private sealed class FillingSource : IContextSource
    {
        public bool Compiled;
        public int Calls;
        public string Name => "filling";
        public bool IsFillingIn(string relativePath) => !Compiled;
        public Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<ContextBlock>>(Compiled ? [Block("stub", 0.5), Block("snippet", 0.5)] : [Block("snippet", 0.5)]);
        }
    }

    private sealed class CountingSource : IContextSource
    {
        public int Calls;
        public string Name => "counting";
        public Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ContextBlock>>([Block($"block {++Calls}", 0.5)]);
    }
}
