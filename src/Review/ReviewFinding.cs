namespace LlamaCode.Review;

/// <summary>Severities in increasing order (so that "at or above" is a comparison).</summary>
public enum ReviewSeverity { Note = 1, Warning = 2, Error = 3 }

/// <summary>Where a finding comes from: the C# compiler (deterministic) or the model (advice).</summary>
public enum FindingSource { Compiler, Model }

/// <summary>A review comment on a line (1-based, new side) of a workspace-relative path ('/' separators).</summary>
public sealed record ReviewFinding(string Path, int Line, ReviewSeverity Severity, string RuleId, string Message, FindingSource Source)
{
    /// <summary>The rule id of every model finding.</summary>
    public const string ModelRuleId = "LLAMA0001";
}

/// <summary>Something the review skipped or could not do (a path outside the workspace, a binary file, a cut-off), with the file it concerns.</summary>
public sealed record ReviewNote(string Message, string? Path = null);

/// <summary>The tool that made a report.</summary>
public sealed record ToolInfo(string Name, string Version, string? InformationUri = null);

/// <summary>The outcome of a review: findings sorted by path and line, and notes.</summary>
public sealed record ReviewReport(ToolInfo Tool, IReadOnlyList<ReviewFinding> Findings, IReadOnlyList<ReviewNote> Notes, int FilesReviewed)
{
    /// <summary>True when some finding is at or above <paramref name="threshold"/> (null: never).</summary>
    public bool HasFindingsAtOrAbove(ReviewSeverity? threshold) =>
        threshold is { } t && Findings.Any(f => f.Severity >= t);
}
