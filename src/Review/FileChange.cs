namespace LlamaCode.Review;

/// <summary>What a change did to one file.</summary>
public enum ChangeStatus { Added, Deleted, Modified, Renamed, Binary }

/// <summary>One line of a hunk: ' ' context, '+' added, '-' removed, with its text (no line break).</summary>
public sealed record DiffLine(char Kind, string Text)
{
    /// <summary>The line had no line break at the end of its file (a following "\ No newline at end of file").</summary>
    public bool NoNewlineAtEnd { get; init; }
}

/// <summary>A hunk "@@ -OldStart,OldCount +NewStart,NewCount @@" and its lines.</summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>1-based line numbers, on the new side, of the added lines.</summary>
    public IReadOnlyList<int> AddedLines => NewSideNumbered().Where(l => l.Line.Kind == '+').Select(l => l.Number).ToArray();

    /// <summary>The removed lines' texts.</summary>
    public IReadOnlyList<string> RemovedLines => Lines.Where(l => l.Kind == '-').Select(l => l.Text).ToArray();

    /// <summary>Context and added lines with their 1-based new-side line numbers.</summary>
    public IEnumerable<(int Number, DiffLine Line)> NewSideNumbered()
    {
        int number = NewStart;
        foreach (var line in Lines)
        {
            if (line.Kind == '-') continue;
            yield return (number++, line);
        }
    }
}

/// <summary>
/// One file of a diff. Paths are as the diff wrote them (the "a/" and "b/" prefixes removed), untrusted;
/// <see cref="OldPath"/> is null for an added file and <see cref="NewPath"/> null for a deleted one.
/// </summary>
public sealed record FileChange(string? OldPath, string? NewPath, ChangeStatus Status, IReadOnlyList<DiffHunk> Hunks)
{
    /// <summary>The path a reader knows the file by: the new one, or the old one for a deletion.</summary>
    public string DisplayPath => NewPath ?? OldPath ?? "(unnamed)";

    /// <summary>All added lines' new-side numbers.</summary>
    public IReadOnlySet<int> AddedLines => Hunks.SelectMany(h => h.AddedLines).ToHashSet();
}
