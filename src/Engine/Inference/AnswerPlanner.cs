using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>
/// How a keystroke is answered: <see cref="Plan"/> for the prompt it answers with; when that is the fallback,
/// the full prompt is prefilled in the background afterwards, in a slot other than <see cref="Plan"/>'s
/// (<see cref="BackgroundAvoidSlot"/>), so that the next keystrokes find one of the two cached.
/// </summary>
public readonly record struct AnswerPlan(KvPlan Plan, bool UseFallback)
{
    /// <summary>The slot the background prefill of the full prompt must leave alone, or -1 when there is none to do.</summary>
    public int BackgroundAvoidSlot => UseFallback ? Plan.Slot : -1;
}

/// <summary>
/// The keystroke's prefill budget, as a pure function: a prompt whose uncached tokens fit the budget is answered as
/// is; otherwise a cheaper fallback prompt (the same cursor with less around it) answers now, from a slot other than
/// the one the full prompt would build on, when it costs less than the full prompt. A keystroke so never waits for a
/// context change, a jump or a first fill longer than its budget allows.
/// </summary>
public static class AnswerPlanner
{
    /// <param name="budgetTokens">Most prompt tokens the answer may decode (from the measured prefill speed); null = no budget.</param>
    public static AnswerPlan Plan(IReadOnlyList<Token> prompt, IReadOnlyList<Token>? fallback, IReadOnlyList<SlotView> slots,
        int? budgetTokens, int minReuseTokens, int minChunkTokens)
    {
        var main = KvReusePlanner.Plan(prompt, slots, minReuseTokens, minChunkTokens);
        if (fallback is not { Count: > 0 } || budgetTokens is not { } budget || slots.Count < 2) return new AnswerPlan(main, false);
        var mainCost = main.DecodeCount(prompt.Count);
        if (mainCost <= budget) return new AnswerPlan(main, false);
        // The fallback must not take the slot that holds what the full prompt builds on.
        var cheap = KvReusePlanner.Plan(fallback, slots, minReuseTokens, minChunkTokens, avoidSlot: main.Slot);
        return cheap.DecodeCount(fallback.Count) < mainCost ? new AnswerPlan(cheap, true) : new AnswerPlan(main, false);
    }
}
