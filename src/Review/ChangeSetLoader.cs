using LlamaCode.Completion.Workspace;

namespace LlamaCode.Review;

/// <summary>
/// Turns the files of a diff into a <see cref="ChangeSet"/> under the limits: binary files, paths that leave the
/// workspace (absolute, "..", through a symbolic link), files too large or not text are skipped with a note and
/// never read; at most <see cref="ReviewLimits.MaxFiles"/> files are kept.
/// </summary>
public static class ChangeSetLoader
{
    public static ChangeSet Load(string root, IReadOnlyList<FileChange> changes, IBaseTexts baseTexts, ReviewLimits limits)
    {
        var files = new List<ChangedFile>();
        var notes = new List<ReviewNote>();
        for (int i = 0; i < changes.Count; i++)
        {
            if (files.Count == limits.MaxFiles)
            {
                notes.Add(new ReviewNote($"{changes.Count - i} more changed file(s) skipped: the review stops at {limits.MaxFiles} files (--max-files)"));
                break;
            }
            if (Load(root, changes[i], baseTexts, limits, notes) is { } file) files.Add(file);
        }
        return new ChangeSet(root, files, notes);
    }

    private static ChangedFile? Load(string root, FileChange change, IBaseTexts baseTexts, ReviewLimits limits, List<ReviewNote> notes)
    {
        foreach (var path in new[] { change.OldPath, change.NewPath }.OfType<string>())
        {
            if (WorkspacePaths.TryResolve(root, path) is null)
            {
                notes.Add(new ReviewNote($"skipped {Printable(path)}: the path leaves the workspace (absolute, \"..\" or a symbolic link out)"));
                return null;
            }
        }
        if (change.Status == ChangeStatus.Binary)
        {
            notes.Add(new ReviewNote("skipped: binary file", change.DisplayPath));
            return null;
        }
        string? headText = null;
        if (change.NewPath is { } newPath)
        {
            var full = WorkspacePaths.TryResolve(root, newPath)!;
            if (!File.Exists(full))
            {
                notes.Add(new ReviewNote("skipped: the changed file is not in the workspace", newPath));
                return null;
            }
            var skip = TextFile.TryRead(full, limits.MaxFileBytes, out var text);
            if (skip != SkipReason.None)
            {
                notes.Add(new ReviewNote(skip switch
                {
                    SkipReason.TooLarge => $"skipped: larger than {limits.MaxFileBytes / 1024} KiB",
                    SkipReason.Binary => "skipped: binary file",
                    _ => "skipped: unreadable",
                }, newPath));
                return null;
            }
            headText = text;
        }
        if (change.Hunks.Count > limits.MaxHunksPerFile)
            notes.Add(new ReviewNote($"only the first {limits.MaxHunksPerFile} of {change.Hunks.Count} hunks are reviewed by the model", change.DisplayPath));
        var baseText = baseTexts.Get(change, headText);
        if (baseText.Problem is { } problem) notes.Add(new ReviewNote(problem, change.DisplayPath));
        return new ChangedFile(change, headText, baseText.Text, baseText.Problem is null);
    }

    /// <summary>An untrusted path for a message: control characters shown as '?', at most 200 characters.</summary>
    internal static string Printable(string path)
    {
        var clean = new string(path.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return "\"" + (clean.Length <= 200 ? clean : clean[..200] + "…") + "\"";
    }
}
