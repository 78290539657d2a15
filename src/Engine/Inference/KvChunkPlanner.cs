using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>
/// A span of a new prompt: tokens [<see cref="PromptStart"/>, +<see cref="Length"/>) either taken from the cache at
/// positions [<see cref="CacheStart"/>, +Length) (moved there by shifting their positions), or decoded (CacheStart null).
/// </summary>
public readonly record struct KvSpan(int PromptStart, int Length, int? CacheStart)
{
    public bool Reused => CacheStart is not null;
    public int Shift => PromptStart - (CacheStart ?? PromptStart);
    public override string ToString() => CacheStart is { } c ? $"reuse {c}..{c + Length}→{PromptStart}" : $"decode {PromptStart}..{PromptStart + Length}";
}

/// <summary>How a prompt is made from what one slot caches: spans in prompt order, covering it exactly.</summary>
public sealed record KvChunkPlan(IReadOnlyList<KvSpan> Spans)
{
    public int ReusedTokens => Spans.Where(s => s.Reused).Sum(s => s.Length);
    public int DecodedTokens => Spans.Where(s => !s.Reused).Sum(s => s.Length);

    /// <summary>True when the plan reuses something beyond the common prefix (so positions move).</summary>
    public bool MovesChunks => Spans.Any(s => s.Reused && s.PromptStart > 0);
}

/// <summary>
/// KV chunk reuse, as a pure function: the common prefix stays; after it, runs of at least <c>minChunk</c> tokens
/// that the cache also holds, in the same order, are reused at their new positions (llama.cpp shifts the positions of
/// their keys with <c>llama_memory_seq_add</c>), and only the tokens between them are decoded. Unlike llama-server's
/// <c>--cache-reuse</c>, which only skips cached tokens (a deletion), it also skips prompt tokens (an insertion: Enter
/// between braces at the start of an SPM prompt), whose tokens are decoded in place.
/// </summary>
/// <remarks>
/// A moved chunk keeps keys and values computed after its old preceding tokens: exact for the shift itself (RoPE is
/// relative), an approximation for what changed before it — the trade llama-server's cache reuse makes too. Long
/// chunks keep the approximation to spans whose own text is unchanged.
/// </remarks>
public static class KvChunkPlanner
{
    public static KvChunkPlan Plan(IReadOnlyList<Token> prompt, IReadOnlyList<Token> cached, int minChunk)
    {
        if (prompt.Count == 0) throw new ArgumentException("empty prompt", nameof(prompt));
        if (minChunk < 1) throw new ArgumentOutOfRangeException(nameof(minChunk), minChunk, "must be positive");
        var spans = new List<KvSpan>();
        // The last prompt token is always decoded: its logits are what the first sample needs.
        var last = prompt.Count - 1;
        var prefix = Math.Min(KvReusePlanner.CommonPrefix(prompt, cached), last);
        if (prefix > 0) spans.Add(new KvSpan(0, prefix, 0));

        // Cache positions by the hash of the minChunk tokens starting there.
        var starts = new Dictionary<long, List<int>>();
        for (var c = prefix; c + minChunk <= cached.Count; c++)
        {
            var h = Hash(cached, c, minChunk);
            if (!starts.TryGetValue(h, out var list)) starts[h] = list = [];
            list.Add(c);
        }

        int hp = prefix, hc = prefix, gap = prefix;
        while (hp + minChunk <= last)
        {
            var (best, bestLength) = (-1, 0);
            if (starts.TryGetValue(Hash(prompt, hp, minChunk), out var candidates))
                foreach (var c in candidates)
                {
                    if (c < hc) continue;
                    var n = 0;
                    while (c + n < cached.Count && hp + n < last && cached[c + n] == prompt[hp + n]) n++;
                    if (n > bestLength) (best, bestLength) = (c, n);
                }
            if (bestLength < minChunk)
            {
                hp++;
                continue;
            }
            if (hp > gap) spans.Add(new KvSpan(gap, hp - gap, null));
            spans.Add(new KvSpan(hp, bestLength, best));
            hp += bestLength;
            hc = best + bestLength;
            gap = hp;
        }
        spans.Add(new KvSpan(gap, prompt.Count - gap, null));
        return new KvChunkPlan(spans);
    }

    private static long Hash(IReadOnlyList<Token> tokens, int start, int length)
    {
        long h = 1469598103934665603;
        for (var i = start; i < start + length; i++) h = (h ^ tokens[i].Id) * 1099511628211;
        return h;
    }

    /// <summary>
    /// The order in which to shift the reused spans so that no shift's source range holds cells of another span at
    /// that moment: left moves first, front to back, then right moves, back to front.
    /// </summary>
    public static IEnumerable<KvSpan> ShiftOrder(KvChunkPlan plan)
    {
        var moved = plan.Spans.Where(s => s.Reused && s.Shift != 0).ToList();
        return moved.Where(s => s.Shift < 0).Concat(moved.Where(s => s.Shift > 0).Reverse());
    }
}
