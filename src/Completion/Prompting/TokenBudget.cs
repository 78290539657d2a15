namespace LlamaCode.Completion.Prompting;

/// <summary>How many tokens each part of a prompt may have.</summary>
public readonly record struct BudgetAllocation(int Prefix, int Suffix, int Context);

/// <summary>
/// The prompt's token budget: <see cref="PromptTokens"/> (the model context minus the tokens reserved for output)
/// split between the prefix, the suffix and retrieved context by relative shares, each optionally capped.
/// A part that needs less than its share leaves the rest to the others, in proportion to their shares;
/// a part with a zero share gets nothing.
/// </summary>
public sealed record TokenBudget
{
    // A starting point (prefix matters most, then retrieved context, then the suffix); tune with the benchmarks.
    public const double DefaultPrefixShare = 0.5;
    public const double DefaultSuffixShare = 0.2;
    public const double DefaultContextShare = 0.3;

    public TokenBudget(int promptTokens,
        double prefixShare = DefaultPrefixShare, double suffixShare = DefaultSuffixShare, double contextShare = DefaultContextShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixShare);
        ArgumentOutOfRangeException.ThrowIfNegative(suffixShare);
        ArgumentOutOfRangeException.ThrowIfNegative(contextShare);
        PromptTokens = promptTokens;
        PrefixShare = prefixShare;
        SuffixShare = suffixShare;
        ContextShare = contextShare;
    }

    /// <summary>The budget of a model context of <paramref name="contextSize"/> tokens that keeps <paramref name="maxOutputTokens"/> free for generation.</summary>
    public static TokenBudget ForContext(int contextSize, int maxOutputTokens,
        double prefixShare = DefaultPrefixShare, double suffixShare = DefaultSuffixShare, double contextShare = DefaultContextShare)
        => new(Math.Max(0, contextSize - maxOutputTokens), prefixShare, suffixShare, contextShare);

    /// <summary>
    /// A budget of <paramref name="documentTokens"/> for the current document (prefix and suffix, 7:3) plus at most
    /// <paramref name="contextTokens"/> for everything that comes from elsewhere; what one part leaves unused goes to the others.
    /// </summary>
    public static TokenBudget ForDocumentAndContext(int documentTokens, int contextTokens) =>
        new(documentTokens + contextTokens, 0.7 * documentTokens, 0.3 * documentTokens, contextTokens) { MaxContextTokens = contextTokens };

    public int PromptTokens { get; }
    public double PrefixShare { get; }
    public double SuffixShare { get; }
    public double ContextShare { get; }

    /// <summary>Upper bounds per part, whatever the shares give (null = none).</summary>
    public int? MaxPrefixTokens { get; init; }
    public int? MaxSuffixTokens { get; init; }
    public int? MaxContextTokens { get; init; }

    /// <summary>
    /// Splits what is left after <paramref name="fixedTokens"/> (BOS, FIM markers) between parts that want
    /// the given numbers of tokens. Never gives a part more than it wants; the sum never exceeds the budget.
    /// </summary>
    public BudgetAllocation Allocate(int fixedTokens, int prefixWanted, int suffixWanted, int contextWanted)
    {
        int available = Math.Max(0, PromptTokens - fixedTokens);
        double[] shares = [PrefixShare, SuffixShare, ContextShare];
        int[] demand =
        [
            Cap(prefixWanted, MaxPrefixTokens),
            Cap(suffixWanted, MaxSuffixTokens),
            Cap(contextWanted, MaxContextTokens),
        ];
        var given = new int[3];
        var open = Enumerable.Range(0, 3).Where(i => shares[i] > 0 && demand[i] > 0).ToList();

        // Water filling: split what is left by share among the parts still wanting more, until nothing is left
        // or everyone is satisfied. Rounding down can stall a round; then the largest share takes the remainder.
        while (open.Count > 0)
        {
            int left = available - given.Sum();
            if (left <= 0) break;
            double totalShare = open.Sum(i => shares[i]);
            int progress = 0;
            foreach (var i in open)
            {
                int give = Math.Min((int)(left * shares[i] / totalShare), demand[i] - given[i]);
                given[i] += give;
                progress += give;
            }
            if (progress == 0)
            {
                var first = open.OrderByDescending(i => shares[i]).First();
                given[first] += Math.Min(left, demand[first] - given[first]);
            }
            open.RemoveAll(i => given[i] >= demand[i]);
        }
        return new BudgetAllocation(given[0], given[1], given[2]);
    }

    private static int Cap(int wanted, int? max) => Math.Max(0, max is { } m ? Math.Min(wanted, m) : wanted);
}
