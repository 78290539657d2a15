namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// The weighted terms of a query: those of the last lines before the cursor, weighing more the nearer they are,
/// and of a few lines after it, weighing less. A term weighs what its nearest occurrence does.
/// </summary>
public static class QueryTerms
{
    public static Dictionary<string, double> From(RetrievalQuery query, RepositoryIndexOptions options)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        int distance = 0;
        foreach (var line in LastLines(query.Prefix, options.QueryPrefixLines))
            Add(weights, line, 1 / (1 + distance++ * options.QueryLineDecay));
        distance = 0;
        foreach (var line in FirstLines(query.Suffix, options.QuerySuffixLines))
            Add(weights, line, options.QuerySuffixWeight / (1 + distance++ * options.QueryLineDecay));
        return weights;
    }

    private static void Add(Dictionary<string, double> weights, ReadOnlyMemory<char> line, double weight) =>
        IdentifierTerms.ForEach(line.Span, term =>
        {
            if (weight > weights.GetValueOrDefault(term)) weights[term] = weight;
        });

    /// <summary>The last <paramref name="count"/> lines of <paramref name="text"/>, the last one (the cursor's) first.</summary>
    public static IEnumerable<ReadOnlyMemory<char>> LastLines(string text, int count)
    {
        int end = text.Length;
        for (int i = 0; i < count && end >= 0; i++)
        {
            int start = end == 0 ? -1 : text.LastIndexOf('\n', end - 1);
            yield return text.AsMemory((start + 1)..end);
            if (start < 0) yield break;
            end = start;
        }
    }

    /// <summary>The first <paramref name="count"/> lines of <paramref name="text"/>, the cursor's first.</summary>
    public static IEnumerable<ReadOnlyMemory<char>> FirstLines(string text, int count)
    {
        int start = 0;
        for (int i = 0; i < count && start <= text.Length; i++)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            yield return text.AsMemory(start..end);
            start = end + 1;
        }
    }
}
