namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// The document around the cursor that a completion is inserted at. <paramref name="Truncated"/>: the model was
/// stopped by the token or time limit, not at the end of what it meant to write, so the completion may end inside a
/// block or a call that it would have closed.
/// </summary>
public sealed record CursorContext(string Prefix, string Suffix, string? DocumentPath = null, bool Truncated = false)
{
    /// <summary>The text of the cursor's line after the cursor (without the line break).</summary>
    public string RestOfLine
    {
        get
        {
            int end = Suffix.IndexOf('\n');
            return (end < 0 ? Suffix : Suffix[..end]).TrimEnd('\r');
        }
    }

    /// <summary>True when something other than whitespace follows the cursor on its line.</summary>
    public bool IsMidLine => !string.IsNullOrWhiteSpace(RestOfLine);

    /// <summary>
    /// The C# document's own parse (<see cref="CSharpSyntaxCheck.Prepare"/>), started before the completion existed: it
    /// does not depend on the completion, so it runs while the model generates. Null: the check parses when it runs.
    /// </summary>
    public Task<CSharpSyntaxCheck>? PreparedSyntaxCheck { get; init; }

    /// <summary>Builds the context from a fixture or document text and a cursor offset.</summary>
    public static CursorContext At(string text, int offset, string? documentPath = null) =>
        new(text[..offset], text[offset..], documentPath);
}
