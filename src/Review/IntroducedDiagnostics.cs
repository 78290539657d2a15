using LlamaCode.Completion.CSharp;
using Microsoft.CodeAnalysis;

namespace LlamaCode.Review;

/// <summary>
/// Compiler findings of a change: one ad hoc compilation of the C# files at the base and one at the head (no
/// MSBuild: the repository is untrusted). A diagnostic (error or warning) of a changed file is introduced when it lies
/// on an added line and the base version of that file has no diagnostic with the same id and message left to match
/// it (a multiset: two equal warnings at the head against one at the base leave one introduced).
/// </summary>
public static class IntroducedDiagnostics
{
    /// <param name="headFiles">The C# files of the workspace (relative path → text).</param>
    /// <param name="changed">The changed C# files whose base is known.</param>
    /// <param name="implicitUsings">Whether the workspace's projects turn implicit usings on.</param>
    public static IReadOnlyList<ReviewFinding> Find(IReadOnlyDictionary<string, string> headFiles, IReadOnlyList<ChangedFile> changed,
        bool implicitUsings, CancellationToken cancellationToken = default)
    {
        var reviewed = changed.Where(c => c.BaseKnown && c.HeadText is not null && IsCSharp(c.Change.NewPath)).ToList();
        if (reviewed.Count == 0) return [];

        var baseFiles = new Dictionary<string, string>(headFiles, StringComparer.Ordinal);
        foreach (var file in changed.Where(c => c.BaseKnown))
        {
            if (file.Change.NewPath is { } newPath) baseFiles.Remove(newPath);
        }
        foreach (var file in changed.Where(c => c.BaseKnown && c.BaseText is not null && IsCSharp(c.Change.OldPath)))
            baseFiles[file.Change.OldPath!] = file.BaseText!;

        var head = Compile("head", headFiles, implicitUsings, cancellationToken);
        var @base = Compile("base", baseFiles, implicitUsings, cancellationToken);
        var findings = new List<ReviewFinding>();
        foreach (var file in reviewed)
        {
            var path = file.Change.NewPath!;
            var added = file.Change.AddedLines;
            var baseline = file.Change.OldPath is { } oldPath && @base.Trees.TryGetValue(oldPath, out var baseTree)
                ? Diagnostics(@base.Compilation, baseTree, cancellationToken).GroupBy(Key).ToDictionary(g => g.Key, g => g.Count())
                : new Dictionary<(string Id, string Message), int>();
            if (!head.Trees.TryGetValue(path, out var headTree)) continue;
            // Diagnostics on unchanged lines match the base's first, so that only new ones remain for the added lines.
            foreach (var (diagnostic, line) in Diagnostics(head.Compilation, headTree, cancellationToken)
                         .Select(d => (Diagnostic: d, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1))
                         .OrderBy(d => added.Contains(d.Line)).ThenBy(d => d.Diagnostic.Location.SourceSpan.Start).ThenBy(d => d.Diagnostic.Id, StringComparer.Ordinal))
            {
                var key = Key(diagnostic);
                if (baseline.TryGetValue(key, out var left) && left > 0)
                {
                    baseline[key] = left - 1;
                    continue;
                }
                if (!added.Contains(line)) continue;
                findings.Add(new ReviewFinding(path, line,
                    diagnostic.Severity == DiagnosticSeverity.Error ? ReviewSeverity.Error : ReviewSeverity.Warning,
                    diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), FindingSource.Compiler));
            }
        }
        return findings;
    }

    public static bool IsCSharp(string? path) => path is not null && path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static (string Id, string Message) Key(Diagnostic d) => (d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<Diagnostic> Diagnostics(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken) =>
        compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken)
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning && !d.IsSuppressed && d.Location.IsInSource);

    private static (Compilation Compilation, IReadOnlyDictionary<string, SyntaxTree> Trees) Compile(
        string name, IReadOnlyDictionary<string, string> files, bool implicitUsings, CancellationToken cancellationToken)
    {
        var trees = files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(f => f.Key, f => AdhocCompilation.Parse(f.Key, f.Value, cancellationToken), StringComparer.Ordinal);
        return (AdhocCompilation.Create($"review-{name}", trees.Values, implicitUsings), trees);
    }
}
