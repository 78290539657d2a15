using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Builds Code Llama fill-in-the-middle prompts from token ids (never from text holding special tokens):
/// <list type="bullet">
/// <item>PSM: <c>[BOS, ▁&lt;PRE&gt;] context prefix [▁&lt;SUF&gt;] suffix [▁&lt;MID&gt;]</c></item>
/// <item>SPM: <c>[BOS, ▁&lt;PRE&gt;, ▁&lt;SUF&gt;] suffix [▁&lt;MID&gt;] context prefix</c></item>
/// </list>
/// The first text after <c>&lt;PRE&gt;</c> (PSM) or <c>&lt;MID&gt;</c> (SPM) keeps the tokenizer's space prefix, as in
/// Code Llama's reference <c>encode(pre)</c>; the suffix and everything after the first piece are encoded without it.
/// </summary>
/// <remarks>
/// Retrieved context goes right before the prefix in both layouts, so "context + prefix" reads as the top of the
/// file, which is what the model saw there in training. In SPM the part after <c>&lt;MID&gt;</c> is where the
/// prefix (the file from its start) lives, while the part between <c>&lt;PRE&gt;</c> and <c>&lt;SUF&gt;</c> was
/// always empty in training, so the context goes after <c>&lt;MID&gt;</c>. That also suits the KV cache: typing
/// at the cursor only appends to an SPM prompt (suffix and context unchanged), and in PSM the context precedes
/// the prefix, which keeps its start when the cursor moves. Within the context, the most stable blocks come first
/// so that the longest possible token prefix is shared between nearby requests.
/// </remarks>
public static class FimPromptBuilder
{
    // No token of a real vocabulary is longer than this many characters; text farther from the cursor than
    // (budget × this) cannot be in the prompt, so it is cut before tokenizing.
    private const int MaxCharsPerToken = 32;

    public static FimPrompt Build(ITokenizer tokenizer, FimLayout layout, string prefix, string suffix, TokenBudget budget,
        IReadOnlyList<ContextBlock>? context = null, string? documentPath = null)
    {
        var special = tokenizer.Info.Special;
        if (!special.HasFim) throw new ModelLacksFimException(tokenizer.Info);
        var encoder = new PromptTextEncoder(tokenizer);

        var head = new List<Token>(3);
        if (tokenizer.Info.AddsBos && !special.Bos.IsNone) head.Add(special.Bos);
        head.Add(special.FimPrefix);
        if (layout == FimLayout.Spm) head.Add(special.FimSuffix);
        int fixedTokens = head.Count + (layout == FimLayout.Psm ? 2 : 1); // + SUF and MID, or MID

        int maxChars = (int)Math.Min(int.MaxValue, (long)budget.PromptTokens * MaxCharsPerToken);
        prefix = LineTruncation.KeepEndChars(prefix, maxChars);
        suffix = LineTruncation.KeepStartChars(suffix, maxChars);
        // At the start of the "pre" part the prefix costs its space prefix too; ask for that much.
        int prefixWanted = encoder.EncodeAtStart(prefix).Length;
        int suffixWanted = encoder.EncodeContinuation(suffix).Length;

        var comment = CommentSyntax.ForPath(documentPath);
        var candidates = (context ?? []).Select(block => (Block: block, Text: block.Render(comment)))
            .Select(b => (b.Block, b.Text, Tokens: encoder.EncodeContinuation(b.Text).Length))
            .ToList();
        var first = budget.Allocate(fixedTokens, prefixWanted, suffixWanted, candidates.Sum(c => c.Tokens));
        var chosen = ChooseContext(candidates, first.Context);

        // The context in prompt order, then what its exact tokens leave to the prefix and suffix.
        var contextTokens = new List<Token>();
        for (int i = 0; i < chosen.Count; i++)
            contextTokens.AddRange(encoder.Encode(chosen[i].Text, atStart: i == 0));
        bool prefixAtStart = chosen.Count == 0;
        if (!prefixAtStart) prefixWanted = encoder.EncodeContinuation(prefix).Length;
        var second = budget.Allocate(fixedTokens, prefixWanted, suffixWanted, contextTokens.Count);
        int prefixLimit = second.Prefix - Math.Max(0, contextTokens.Count - second.Context);

        var usedPrefix = LineTruncation.KeepEnd(prefix, prefixLimit, encoder, prefixAtStart);
        var usedSuffix = LineTruncation.KeepStart(suffix, second.Suffix, encoder);
        var prefixTokens = encoder.Encode(usedPrefix, prefixAtStart);
        var suffixTokens = encoder.EncodeContinuation(usedSuffix);

        var tokens = new List<Token>(head);
        int prefixOffset;
        if (layout == FimLayout.Psm)
        {
            tokens.AddRange(contextTokens);
            prefixOffset = tokens.Count;
            tokens.AddRange(prefixTokens);
            tokens.Add(special.FimSuffix);
            tokens.AddRange(suffixTokens);
            tokens.Add(special.FimMiddle);
        }
        else
        {
            tokens.AddRange(suffixTokens);
            tokens.Add(special.FimMiddle);
            tokens.AddRange(contextTokens);
            prefixOffset = tokens.Count;
            tokens.AddRange(prefixTokens);
        }

        return new FimPrompt(tokens.ToArray(), layout, prefixOffset, prefixTokens.Length, suffixTokens.Length,
            contextTokens.Count, usedPrefix, usedSuffix, chosen.Select(c => c.Block).ToList(), StopTokens(special));
    }

    /// <summary>
    /// Blocks come in the retriever's order of relevance: take each that still fits, then place the chosen ones
    /// most stable first (ties keep relevance order).
    /// </summary>
    private static List<(ContextBlock Block, string Text, int Tokens)> ChooseContext(
        List<(ContextBlock Block, string Text, int Tokens)> candidates, int limit)
    {
        var chosen = new List<(ContextBlock Block, string Text, int Tokens)>();
        int used = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.Tokens == 0 || used + candidate.Tokens > limit) continue;
            chosen.Add(candidate);
            used += candidate.Tokens;
        }
        return chosen.OrderByDescending(c => c.Block.Stability).ToList(); // OrderBy is stable
    }

    /// <summary>
    /// Generation ends at end-of-infill (EOT) or end-of-sequence; a FIM or file marker would start a new
    /// prompt section rather than continue the middle, so it ends it too.
    /// </summary>
    private static IReadOnlyList<Token> StopTokens(SpecialTokens special) =>
        new[] { special.Eot, special.Eos, special.FimPrefix, special.FimSuffix, special.FimMiddle, special.FimPad, special.FimRepo, special.FimSeparator }
            .Where(t => !t.IsNone).Distinct().ToArray();
}
