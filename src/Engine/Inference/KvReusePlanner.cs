using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>What a slot holds, as the planner sees it.</summary>
public sealed record SlotView(IReadOnlyList<Token> Tokens, long LastUsed);

/// <summary>Use slot <paramref name="Slot"/>, keep its first <paramref name="KeepTokens"/> cached tokens, decode the prompt from there.</summary>
public readonly record struct KvPlan(int Slot, int KeepTokens)
{
    public int DecodeCount(int promptLength) => promptLength - KeepTokens;
}

/// <summary>
/// The prefix-cache decision, as a pure function: which slot serves a prompt and how much of its KV cache stays.
/// </summary>
public static class KvReusePlanner
{
    public static KvPlan Plan(IReadOnlyList<Token> prompt, IReadOnlyList<SlotView> slots, int minReuseTokens)
    {
        if (prompt.Count == 0) throw new ArgumentException("empty prompt", nameof(prompt));
        if (slots.Count == 0) throw new ArgumentException("no slots", nameof(slots));

        int best = -1, bestPrefix = -1;
        for (var i = 0; i < slots.Count; i++)
        {
            var prefix = CommonPrefix(prompt, slots[i].Tokens);
            if (prefix > bestPrefix || (prefix == bestPrefix && slots[i].LastUsed > slots[best].LastUsed))
                (best, bestPrefix) = (i, prefix);
        }

        // A short shared start (BOS, a FIM token) is not worth evicting another document's cache for.
        if (bestPrefix < Math.Min(minReuseTokens, prompt.Count - 1))
        {
            best = EmptyOrLeastRecentlyUsed(slots);
            bestPrefix = CommonPrefix(prompt, slots[best].Tokens);
        }

        // The last prompt token is always decoded again: its logits are what the first sample needs.
        return new KvPlan(best, Math.Min(bestPrefix, prompt.Count - 1));
    }

    public static int CommonPrefix(IReadOnlyList<Token> a, IReadOnlyList<Token> b)
    {
        var n = Math.Min(a.Count, b.Count);
        var i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    private static int EmptyOrLeastRecentlyUsed(IReadOnlyList<SlotView> slots)
    {
        var pick = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i].Tokens.Count == 0) return i;
            if (slots[i].LastUsed < slots[pick].LastUsed) pick = i;
        }
        return pick;
    }
}
