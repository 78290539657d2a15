using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Instructions;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Review;

/// <summary>
/// Runs a review of a <see cref="ChangeSet"/>: compiler findings (base against head), then the model's on each hunk,
/// merged; progress is reported file by file through a callback.
/// </summary>
public sealed class ReviewRunner(ReviewLimits limits, ToolInfo tool, Action<string> progress)
{
    /// <param name="generator">The model; null reviews with the compiler only.</param>
    public async Task<ReviewReport> RunAsync(ChangeSet changes, IConstrainedGenerator? generator, CancellationToken cancellationToken)
    {
        var notes = new List<ReviewNote>(changes.Notes);
        var compiler = Array.Empty<ReviewFinding>() as IReadOnlyList<ReviewFinding>;
        if (changes.Files.Any(f => IntroducedDiagnostics.IsCSharp(f.Change.NewPath)))
        {
            var (files, implicitUsings) = ReadCSharpFiles(changes, notes);
            progress($"compiling the base and the head ({files.Count} C# files)");
            compiler = IntroducedDiagnostics.Find(files, changes.Files, implicitUsings, cancellationToken);
        }

        var model = new List<ReviewFinding>();
        if (generator is not null)
        {
            var reviewer = new ModelReviewer(generator, limits);
            for (int i = 0; i < changes.Files.Count; i++)
            {
                var file = changes.Files[i];
                progress($"[{i + 1}/{changes.Files.Count}] {file.Change.DisplayPath}: {file.Change.Hunks.Count} hunk(s)");
                model.AddRange(await reviewer.ReviewAsync(file, notes, cancellationToken).ConfigureAwait(false));
            }
        }
        return new ReviewReport(tool, FindingMerger.Merge(compiler, model), notes, changes.Files.Count);
    }

    /// <summary>The workspace's C# files at the head (changed files as loaded), and whether a project turns implicit usings on.</summary>
    private (Dictionary<string, string> Files, bool ImplicitUsings) ReadCSharpFiles(ChangeSet changes, List<ReviewNote> notes)
    {
        var workspace = new WorkspaceFiles(changes.Root, new WorkspaceFileOptions { MaxFileBytes = limits.MaxFileBytes });
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        bool implicitUsings = false;
        foreach (var path in workspace.EnumerateRelativePaths())
        {
            bool isProject = path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
            if (!isProject && !IntroducedDiagnostics.IsCSharp(path)) continue;
            if (!isProject && files.Count == limits.MaxCompiledFiles)
            {
                notes.Add(new ReviewNote($"only {limits.MaxCompiledFiles} C# files of the workspace are compiled: compiler findings may be missing or wrong"));
                break;
            }
            if (TextFile.TryRead(Path.Combine(changes.Root, path), limits.MaxFileBytes, out var text) != SkipReason.None) continue;
            if (isProject) implicitUsings |= AdhocCompilation.ProjectEnablesImplicitUsings(text);
            else files[path] = text;
        }
        foreach (var file in changes.Files)
        {
            if (file.Change.NewPath is { } path && file.HeadText is not null && IntroducedDiagnostics.IsCSharp(path)) files[path] = file.HeadText;
        }
        return (files, implicitUsings);
    }
}
