namespace LlamaCode.Review;

/// <summary>
/// A changed file that passed the checks: its text in the workspace (null for a deletion) and at the base
/// (null for an addition, or when the base could not be known: then <see cref="BaseKnown"/> is false).
/// </summary>
public sealed record ChangedFile(FileChange Change, string? HeadText, string? BaseText, bool BaseKnown);

/// <summary>The change under review: the workspace root, the files to review and notes about the ones left out.</summary>
public sealed record ChangeSet(string Root, IReadOnlyList<ChangedFile> Files, IReadOnlyList<ReviewNote> Notes);

/// <summary>The base text of a changed file, or why it is unknown.</summary>
public readonly record struct BaseText(string? Text, string? Problem)
{
    public static BaseText None => new(null, null);
    public static BaseText Unknown(string problem) => new(null, problem);
}

/// <summary>Where the base texts of changed files come from: git's base tree, or the diff's hunks reversed.</summary>
public interface IBaseTexts
{
    BaseText Get(FileChange change, string? headText);
}
