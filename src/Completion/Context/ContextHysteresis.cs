using LlamaCode.Completion.Prompting;

namespace LlamaCode.Completion.Context;

/// <summary>
/// The context a document's last prompt was built with, and the line it was retrieved for. <paramref name="FillingIn"/>:
/// retrieved while a source was still filling in (a project compiling): not held, retrieved again at the next keystroke.
/// </summary>
public sealed record HeldContext(string Path, int Line, IReadOnlyList<ContextBlock> Blocks, bool FillingIn = false);

/// <summary>
/// Context that stays stable while the user types. The retrieved context sits before the prefix in the prompt, so
/// any change to it makes the engine decode the whole prefix again (seconds for a few thousand tokens on a CPU),
/// while retrieval for a half-typed identifier changes from one keystroke to the next. So:
/// <list type="bullet">
/// <item>within <see cref="HoldLines"/> lines of where the held context was retrieved (typing, deleting, Enter),
/// the held blocks are used as they are and nothing is retrieved;</item>
/// <item>while a source is still filling in (the document's project compiling), context is retrieved again at every
/// keystroke, in the same append-only way, until it is complete;</item>
/// <item>farther away (a jump) context is retrieved again, and the blocks it shares with the held ones keep their
/// place at the start of the context (append-only), so the longest token prefix survives and what moves is a span
/// the engine can reuse at shifted positions.</item>
/// </list>
/// </summary>
public static class ContextHysteresis
{
    /// <summary>How far (in lines) the cursor may move from where the context was retrieved before it is retrieved again.</summary>
    public const int HoldLines = 12;

    /// <summary>Whether the held context still serves a cursor on <paramref name="line"/> of <paramref name="path"/>.</summary>
    public static bool Holds(HeldContext? held, string path, int line) =>
        held is not null && !held.FillingIn && held.Path == path && Math.Abs(line - held.Line) <= HoldLines;

    /// <summary>
    /// The fresh blocks, in their order of relevance (which decides what fits), with stabilities raised so that the
    /// blocks also held before are placed first, in the order they had; new blocks follow them.
    /// </summary>
    public static IReadOnlyList<ContextBlock> KeepHeldFirst(IReadOnlyList<ContextBlock>? held, IReadOnlyList<ContextBlock> fresh)
    {
        if (held is null || held.Count == 0) return fresh;
        // The held blocks in prompt order: the prompt builder places blocks by descending stability, ties in list order.
        var heldOrder = held.Select((b, i) => (b, i)).OrderByDescending(x => x.b.Stability).ThenBy(x => x.i).Select(x => x.b).ToList();
        var rank = new Dictionary<(string, string), int>();
        for (var i = 0; i < heldOrder.Count; i++) rank.TryAdd((heldOrder[i].Path, heldOrder[i].Text), i);
        var top = fresh.Count == 0 ? 0 : fresh.Max(b => b.Stability);
        return fresh.Select(b => rank.TryGetValue((b.Path, b.Text), out var r)
            ? b with { Stability = top + 1 + (heldOrder.Count - r) }
            : b).ToList();
    }
}

/// <summary>
/// A context source that holds each document's context across keystrokes (<see cref="ContextHysteresis"/>). The
/// server keeps one per workspace; one-shot callers (the CLI, benchmarks of recall) use the inner source directly.
/// </summary>
public sealed class StableContextSource(IContextSource inner) : IContextSource
{
    private readonly Dictionary<string, HeldContext> _held = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Name => inner.Name;

    public bool IsFillingIn(string relativePath) => inner.IsFillingIn(relativePath);

    public async Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
    {
        var line = LineOf(query.Text, query.Offset);
        HeldContext? held;
        lock (_gate) _held.TryGetValue(query.RelativePath, out held);
        if (ContextHysteresis.Holds(held, query.RelativePath, line)) return held!.Blocks;

        var fresh = await inner.RetrieveAsync(query, cancellationToken).ConfigureAwait(false);
        var placed = ContextHysteresis.KeepHeldFirst(held?.Blocks, fresh);
        var fillingIn = inner.IsFillingIn(query.RelativePath);
        lock (_gate) _held[query.RelativePath] = new HeldContext(query.RelativePath, line, placed, fillingIn);
        return placed;
    }

    private static int LineOf(string text, int offset)
    {
        var line = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && i < offset; i = text.IndexOf('\n', i + 1)) line++;
        return line;
    }
}
