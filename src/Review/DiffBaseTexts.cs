namespace LlamaCode.Review;

/// <summary>Base texts of a diff given alone: the workspace file with the hunks reversed.</summary>
public sealed class DiffBaseTexts : IBaseTexts
{
    public BaseText Get(FileChange change, string? headText)
    {
        if (change.Status == ChangeStatus.Added) return BaseText.None;
        // Renamed without hunks: the base is the head text.
        var text = DiffReversal.TryReconstructBase(headText ?? string.Empty, change);
        return text is null
            ? BaseText.Unknown("the diff does not apply to the workspace file, so its base is unknown: compiler comparison skipped")
            : new BaseText(text, null);
    }
}
