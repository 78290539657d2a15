using LlamaCode.Completion.Retrieval;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.DevTools.Evaluation;

public sealed record JaccardWindowOptions
{
    public int WindowLines { get; init; } = 20;
    public int WindowStep { get; init; } = 1;
    /// <summary>Lines before the cursor (the cursor's own included) whose terms are compared with each window.</summary>
    public int QueryLines { get; init; } = 20;
    /// <summary>Results are taken, best first, while their text fits in this many characters.</summary>
    public int CharacterBudget { get; init; } = 8192;
}

/// <summary>
/// The baseline retrieval of Copilot's "neighboring tabs" and llama.vscode's ring buffer, to benchmark the index
/// against: windows of 20 lines sliding over each candidate file, scored by the Jaccard similarity of their term
/// set with that of the last 20 lines before the cursor; the best window of each file, best files first, while
/// they fit in the character budget (one that does not fit is passed over for smaller ones after it).
/// The candidates are whatever the caller passes, for a benchmark every indexed file but the current one
/// (<see cref="RepositoryIndex.IndexedFiles"/>): the baseline's best case, as editors only offer it open tabs.
/// Terms are <see cref="IdentifierTerms"/>, as the index's are, so that only the retrieval method differs.
/// </summary>
public sealed class JaccardWindowRetriever(JaccardWindowOptions? options = null)
{
    private readonly JaccardWindowOptions options = options ?? new JaccardWindowOptions();

    public IReadOnlyList<RetrievedChunk> Retrieve(RetrievalQuery query, IEnumerable<(string Path, string Text)> candidates,
        CancellationToken ct = default)
    {
        var queryTerms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in QueryTerms.LastLines(query.Prefix, options.QueryLines))
            IdentifierTerms.ForEach(line.Span, term => queryTerms.Add(term));
        if (queryTerms.Count == 0) return [];

        var best = new List<RetrievedChunk>();
        foreach (var (path, text) in candidates)
        {
            ct.ThrowIfCancellationRequested();
            if (path == query.CurrentPath) continue;
            if (BestWindow(path, text, queryTerms) is { } window) best.Add(window);
        }
        best.Sort((x, y) =>
        {
            int c = y.Score.CompareTo(x.Score);
            if (c == 0) c = string.CompareOrdinal(x.Path, y.Path);
            return c != 0 ? c : x.StartLine.CompareTo(y.StartLine);
        });

        var results = new List<RetrievedChunk>();
        int used = 0;
        foreach (var window in best)
        {
            if (used + window.Text.Length > options.CharacterBudget) continue;
            used += window.Text.Length;
            results.Add(window);
        }
        return results;
    }

    /// <summary>
    /// The file's window with the highest Jaccard similarity (the first of equals), or null when none shares a term.
    /// Each line is tokenized once; sliding a window adds the entering lines' terms and removes the leaving ones'.
    /// </summary>
    private RetrievedChunk? BestWindow(string path, string text, HashSet<string> queryTerms)
    {
        var source = SourceText.From(text);
        var lines = source.Lines;
        var lineTerms = lines.Select(l => IdentifierTerms.Distinct(l.ToString())).ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int common = 0, windowStart = 0, windowEnd = -1; // inclusive range held in counts
        double bestScore = 0;
        int bestStart = -1;

        void Enter(int line)
        {
            foreach (var term in lineTerms[line])
            {
                int n = counts.GetValueOrDefault(term);
                counts[term] = n + 1;
                if (n == 0 && queryTerms.Contains(term)) common++;
            }
        }
        void Leave(int line)
        {
            foreach (var term in lineTerms[line])
            {
                int n = counts[term] - 1;
                if (n > 0) { counts[term] = n; continue; }
                counts.Remove(term);
                if (queryTerms.Contains(term)) common--;
            }
        }

        for (int start = 0; start < lines.Count; start += options.WindowStep)
        {
            int end = Math.Min(start + options.WindowLines - 1, lines.Count - 1);
            while (windowStart < start) { if (windowStart <= windowEnd) Leave(windowStart); windowStart++; }
            windowEnd = Math.Max(windowEnd, windowStart - 1);
            while (windowEnd < end) Enter(++windowEnd);
            double score = Similarity.Jaccard(queryTerms.Count, counts.Count, common);
            if (score > bestScore) (bestScore, bestStart) = (score, start);
            if (end == lines.Count - 1) break;
        }
        if (bestStart < 0) return null;
        int bestEnd = Math.Min(bestStart + options.WindowLines - 1, lines.Count - 1);
        var span = TextSpan.FromBounds(lines[bestStart].Start, lines[bestEnd].End);
        return new RetrievedChunk(path, bestStart, bestEnd, source.ToString(span), bestScore);
    }
}
