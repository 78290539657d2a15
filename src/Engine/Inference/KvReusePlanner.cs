using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>What a slot holds, as the planner sees it.</summary>
public sealed record SlotView(IReadOnlyList<Token> Tokens, long LastUsed);

/// <summary>
/// Use slot <paramref name="Slot"/>, keep its first <paramref name="KeepTokens"/> cached tokens, decode the prompt from
/// there; or, with <paramref name="Chunks"/>, assemble the prompt from chunks of the slot's cache moved to new positions.
/// </summary>
public readonly record struct KvPlan(int Slot, int KeepTokens, KvChunkPlan? Chunks = null)
{
    /// <summary>Prompt tokens this plan decodes (the rest come from the cache).</summary>
    public int DecodeCount(int promptLength) => Chunks?.DecodedTokens ?? promptLength - KeepTokens;
}

/// <summary>
/// The prefix-cache decision, as a pure function: which slot serves a prompt and how much of its KV cache stays.
/// </summary>
public static class KvReusePlanner
{
    /// <param name="avoidSlot">A slot that must keep what it holds (another prompt is about to use it), or -1.</param>
    public static KvPlan Plan(IReadOnlyList<Token> prompt, IReadOnlyList<SlotView> slots, int minReuseTokens, int minChunkTokens = 0, int avoidSlot = -1)
    {
        if (prompt.Count == 0) throw new ArgumentException("empty prompt", nameof(prompt));
        if (slots.Count == 0) throw new ArgumentException("no slots", nameof(slots));
        if (avoidSlot >= 0 && slots.Count < 2) throw new ArgumentException("one slot cannot be avoided", nameof(avoidSlot));
        if (minChunkTokens > 0) return PlanChunks(prompt, slots, minReuseTokens, minChunkTokens, avoidSlot);

        int best = -1, bestPrefix = -1;
        for (var i = 0; i < slots.Count; i++)
        {
            if (i == avoidSlot) continue;
            var prefix = CommonPrefix(prompt, slots[i].Tokens);
            if (prefix > bestPrefix || (prefix == bestPrefix && slots[i].LastUsed > slots[best].LastUsed))
                (best, bestPrefix) = (i, prefix);
        }

        // A short shared start (BOS, a FIM token) is not worth evicting another document's cache for.
        if (bestPrefix < Math.Min(minReuseTokens, prompt.Count - 1))
        {
            best = EmptyOrLeastRecentlyUsed(slots, avoidSlot);
            bestPrefix = CommonPrefix(prompt, slots[best].Tokens);
        }

        // The last prompt token is always decoded again: its logits are what the first sample needs.
        return new KvPlan(best, Math.Min(bestPrefix, prompt.Count - 1));
    }

    /// <summary>The slot from which the most tokens can be reused, prefix and moved chunks together.</summary>
    private static KvPlan PlanChunks(IReadOnlyList<Token> prompt, IReadOnlyList<SlotView> slots, int minReuseTokens, int minChunkTokens, int avoidSlot)
    {
        int best = -1;
        KvChunkPlan? bestPlan = null;
        for (var i = 0; i < slots.Count; i++)
        {
            if (i == avoidSlot) continue;
            var plan = KvChunkPlanner.Plan(prompt, slots[i].Tokens, minChunkTokens);
            if (bestPlan is null || plan.ReusedTokens > bestPlan.ReusedTokens
                || (plan.ReusedTokens == bestPlan.ReusedTokens && slots[i].LastUsed > slots[best].LastUsed))
                (best, bestPlan) = (i, plan);
        }
        if (bestPlan!.ReusedTokens < Math.Min(minReuseTokens, prompt.Count - 1))
        {
            best = EmptyOrLeastRecentlyUsed(slots, avoidSlot);
            bestPlan = KvChunkPlanner.Plan(prompt, slots[best].Tokens, minChunkTokens);
        }
        var first = bestPlan.Spans[0];
        var keep = first is { Reused: true, PromptStart: 0 } ? first.Length : 0;
        return new KvPlan(best, keep, bestPlan.MovesChunks ? bestPlan : null);
    }

    public static int CommonPrefix(IReadOnlyList<Token> a, IReadOnlyList<Token> b)
    {
        var n = Math.Min(a.Count, b.Count);
        var i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    private static int EmptyOrLeastRecentlyUsed(IReadOnlyList<SlotView> slots, int avoidSlot)
    {
        var pick = -1;
        for (var i = 0; i < slots.Count; i++)
        {
            if (i == avoidSlot) continue;
            if (slots[i].Tokens.Count == 0) return i;
            if (pick < 0 || slots[i].LastUsed < slots[pick].LastUsed) pick = i;
        }
        return pick;
    }
}
