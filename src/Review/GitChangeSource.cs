using LibGit2Sharp;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Review;

/// <summary>
/// The change from git: the repository that holds the workspace, its working tree (with the index, as
/// <c>git diff REV</c> compares) against the tree of a base revision; renames are detected. Untracked files are not
/// part of the change. Base texts are the base tree's blobs. Nothing of the repository is run (no hooks, no filters
/// beyond libgit2's built-in line-ending ones).
/// </summary>
public static class GitChangeSource
{
    /// <summary>The review root (the repository's working directory), the changed files against <paramref name="baseRevision"/>, and their base texts.</summary>
    public static (string Root, IReadOnlyList<FileChange> Changes, IBaseTexts BaseTexts) Load(string workspace, string baseRevision, ReviewLimits limits)
    {
        try
        {
            return LoadFromRepository(workspace, baseRevision, limits);
        }
        catch (LibGit2SharpException e)
        {
            throw new ReviewInputException($"git: {e.Message}", e);
        }
    }

    private static (string Root, IReadOnlyList<FileChange> Changes, IBaseTexts BaseTexts) LoadFromRepository(string workspace, string baseRevision, ReviewLimits limits)
    {
        var gitDir = Repository.Discover(workspace) ?? throw new ReviewInputException($"no git repository holds {workspace}");
        using var repository = new Repository(gitDir);
        if (repository.Info.IsBare) throw new ReviewInputException("the repository is bare: there is no working tree to review");
        Commit commit;
        try
        {
            commit = repository.Lookup<Commit>(baseRevision) ?? throw new ReviewInputException($"--base {baseRevision} names no commit of the repository");
        }
        catch (LibGit2SharpException e)
        {
            throw new ReviewInputException($"--base {baseRevision} names no commit of the repository ({e.Message})", e);
        }
        var patch = repository.Diff.Compare<Patch>(commit.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory, null, null,
            new CompareOptions { Similarity = SimilarityOptions.Renames, ContextLines = 3 });
        if (patch.Content.Length > limits.MaxDiffBytes)
            throw new ReviewInputException($"the diff against {baseRevision} is larger than {limits.MaxDiffBytes / (1024 * 1024.0):0.#} MB (the limit of one review)");
        var changes = UnifiedDiffParser.Parse(patch.Content);
        var root = repository.Info.WorkingDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        // Read now, while the repository is open: only the files the review can reach.
        var baseTexts = changes.Take(limits.MaxFiles)
            .Where(c => c.OldPath is not null && c.Status != ChangeStatus.Binary)
            .DistinctBy(c => c.OldPath)
            .ToDictionary(c => c.OldPath!, c => Read(commit.Tree, c.OldPath!, limits.MaxFileBytes), StringComparer.Ordinal);
        return (root, changes, new PreloadedBaseTexts(baseTexts));
    }

    private static BaseText Read(Tree tree, string path, long maxBytes)
    {
        if (tree[path]?.Target is not Blob blob) return BaseText.Unknown("the base revision has no such file: compiler comparison skipped");
        if (blob.Size > maxBytes) return BaseText.Unknown($"the base version is larger than {maxBytes / 1024} KiB: compiler comparison skipped");
        using var stream = blob.GetContentStream();
        var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return TextFile.TryDecode(bytes.ToArray(), out var text)
            ? new BaseText(text, null)
            : BaseText.Unknown("the base version is binary: compiler comparison skipped");
    }

    private sealed class PreloadedBaseTexts(IReadOnlyDictionary<string, BaseText> texts) : IBaseTexts
    {
        public BaseText Get(FileChange change, string? headText) =>
            change.OldPath is null ? BaseText.None
            : texts.TryGetValue(change.OldPath, out var text) ? text
            : BaseText.Unknown("the base version was not read: compiler comparison skipped");
    }
}
