namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// Stops a completion at the end of the block the cursor is in (brace languages): at the first closing brace,
/// outside comments and literals, that closes a brace opened before the cursor. If the document already closes
/// that block after the cursor, the completion stops before the brace (and before its indentation); otherwise
/// the completion keeps the brace and the rest of its line (like "};") and stops there.
/// </summary>
public sealed class StopAtBlockEnd : ICompletionRule
{
    public string Apply(string completion, CursorContext context)
    {
        if (!CodeScanner.UsesBraces(context.DocumentPath)) return completion;
        var atCursor = CodeScanner.Scan(context.Prefix, LexState.Code);
        int closing = FirstUnmatchedClosingBrace(completion, atCursor);
        if (closing < 0) return completion;

        // The completion is in code at its closing brace, so the suffix that would follow the cut is read from code.
        if (FirstUnmatchedClosingBrace(context.Suffix, LexState.Code) >= 0)
        {
            int lineStart = completion.LastIndexOf('\n', Math.Max(0, closing - 1)) + 1;
            bool braceStartsLine = string.IsNullOrWhiteSpace(completion[lineStart..closing]);
            return completion[..(braceStartsLine ? lineStart : closing)];
        }
        int lineEnd = completion.IndexOf('\n', closing);
        return lineEnd < 0 ? completion : completion[..lineEnd];
    }

    /// <summary>Index of the first '}' in code that has no '{' before it in <paramref name="text"/>; -1 if none.</summary>
    private static int FirstUnmatchedClosingBrace(string text, LexState start)
    {
        int depth = 0, found = -1;
        CodeScanner.Scan(text, start, i =>
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth < 0) { found = i; return false; }
            return true;
        });
        return found;
    }
}
