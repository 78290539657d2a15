using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Builds Code Llama fill-in-the-middle prompts from token ids, never from text holding special tokens
/// (a document that contains "&lt;PRE&gt;" stays text):
/// <list type="bullet">
/// <item>PSM: <c>[BOS, ▁&lt;PRE&gt;] + prefix + [▁&lt;SUF&gt;] + suffix + [▁&lt;MID&gt;]</c></item>
/// <item>SPM: <c>[BOS, ▁&lt;PRE&gt;, ▁&lt;SUF&gt;] + suffix + [▁&lt;MID&gt;] + prefix</c></item>
/// </list>
/// As in Code Llama's reference, the prefix is tokenized as text that starts a sequence (with its leading space) and the
/// suffix as text that continues one (<see cref="InfillTokenizer"/>). Generation ends at EOT.
/// </summary>
public static class FimPromptBuilder
{
    public static FimPrompt Build(ITokenizer tokenizer, FimLayout layout, string prefix, string suffix, int maxPromptTokens)
    {
        var info = tokenizer.Info;
        var special = info.Special;
        if (!special.HasFim) throw new ModelLacksFimException(Path.GetFileName(info.Path));

        var head = new List<Token>(3);
        if (info.AddsBos && !special.Bos.IsNone) head.Add(special.Bos);
        head.Add(special.FimPrefix);
        var fixedTokens = head.Count + 2; // ▁<SUF> and ▁<MID>
        var budget = PromptBudget.Split(maxPromptTokens - fixedTokens);

        var (prefixText, prefixTokens, suffixText, suffixTokens) =
            PromptBudget.Fit(prefix, suffix, budget, p => tokenizer.Tokenize(p), s => InfillTokenizer.Tokenize(tokenizer, s));

        var tokens = new List<Token>(fixedTokens + prefixTokens.Length + suffixTokens.Length);
        tokens.AddRange(head);
        if (layout == FimLayout.Psm)
        {
            tokens.AddRange(prefixTokens);
            tokens.Add(special.FimSuffix);
            tokens.AddRange(suffixTokens);
            tokens.Add(special.FimMiddle);
        }
        else
        {
            tokens.Add(special.FimSuffix);
            tokens.AddRange(suffixTokens);
            tokens.Add(special.FimMiddle);
            tokens.AddRange(prefixTokens);
        }

        var stops = new List<Token>();
        if (!special.Eot.IsNone) stops.Add(special.Eot);
        if (!special.Eos.IsNone) stops.Add(special.Eos);
        return new FimPrompt(tokens.ToArray(), layout, prefixText, suffixText, prefixTokens.Length, suffixTokens.Length, stops);
    }
}
