namespace LlamaCode.Completion;

/// <summary>A suggestion that was shown: where, in which text, and what.</summary>
public sealed record ShownSuggestion(string DocumentPath, string Text, int Offset, string Suggestion);

/// <summary>
/// Typing-through: when the user types the first characters of the suggestion on screen, the rest of it is still the
/// answer, so it is served from memory without decoding. A pure decision on the old and new document.
/// </summary>
public static class TypingThrough
{
    /// <summary>The rest of <paramref name="shown"/> still valid at <paramref name="offset"/> of <paramref name="text"/>, or null.</summary>
    public static string? Remaining(ShownSuggestion? shown, string documentPath, string text, int offset)
    {
        if (shown is null || shown.DocumentPath != documentPath) return null;
        var typed = offset - shown.Offset;
        if (typed < 0 || typed >= shown.Suggestion.Length) return null;
        // Everything before the old cursor and after the new one is unchanged...
        if (shown.Offset > text.Length || string.CompareOrdinal(text, 0, shown.Text, 0, shown.Offset) != 0) return null;
        var oldSuffix = shown.Text.Length - shown.Offset;
        if (text.Length - offset != oldSuffix || string.CompareOrdinal(text, offset, shown.Text, shown.Offset, oldSuffix) != 0) return null;
        // ...and what was typed in between is the start of the suggestion.
        return string.CompareOrdinal(text, shown.Offset, shown.Suggestion, 0, typed) == 0 ? shown.Suggestion[typed..] : null;
    }
}
