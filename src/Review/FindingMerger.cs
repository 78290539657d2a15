namespace LlamaCode.Review;

/// <summary>
/// Joins compiler and model findings: a model finding that repeats a compiler finding (same file and line, a
/// similar message or the compiler's id) is dropped in favour of the compiler's; repeated model findings are kept once.
/// The result is sorted by path, line, then severity (highest first).
/// </summary>
public static class FindingMerger
{
    public static IReadOnlyList<ReviewFinding> Merge(IEnumerable<ReviewFinding> compiler, IEnumerable<ReviewFinding> model)
    {
        var compilerList = compiler.ToList();
        var kept = model
            .Where(m => !compilerList.Any(c => c.Path == m.Path && c.Line == m.Line && Similar(c, m)))
            .DistinctBy(m => (m.Path, m.Line, m.Message.ToLowerInvariant()));
        return compilerList.Concat(kept)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenByDescending(f => f.Severity).ThenBy(f => f.Source)
            .ToArray();
    }

    /// <summary>The model names the compiler's id, or half of the shorter message's words appear in the other.</summary>
    public static bool Similar(ReviewFinding compilerFinding, ReviewFinding modelFinding)
    {
        if (modelFinding.Message.Contains(compilerFinding.RuleId, StringComparison.OrdinalIgnoreCase)) return true;
        var a = Words(compilerFinding.Message);
        var b = Words(modelFinding.Message);
        if (a.Count == 0 || b.Count == 0) return false;
        return a.Intersect(b).Count() * 2 >= Math.Min(a.Count, b.Count);
    }

    private static HashSet<string> Words(string text) =>
        text.Split((char[])[' ', '\t', '\'', '"', '`', ',', '.', ':', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2).Select(w => w.ToLowerInvariant()).ToHashSet();
}
