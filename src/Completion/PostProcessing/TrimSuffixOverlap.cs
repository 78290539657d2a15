namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// Removes the end of a completion that repeats the start of the rest of the cursor's line, like the ")" or ";"
/// the document already has after the cursor. A closing bracket counts as a repeat only if the completion does
/// not itself open it: <c>Foo(a)</c> before a ")" keeps its own ")".
/// </summary>
public sealed class TrimSuffixOverlap : ICompletionRule
{
    private const string Openers = "([{";
    private const string Closers = ")]}";

    public string Apply(string completion, CursorContext context)
    {
        var rest = context.RestOfLine.TrimStart();
        var body = completion.TrimEnd();
        if (rest.Length == 0 || body.Length == 0) return completion;

        var atCursor = CodeScanner.Scan(context.Prefix, LexState.Code);
        for (int length = Math.Min(rest.Length, body.Length); length > 0; length--)
        {
            var overlap = rest[..length];
            if (string.IsNullOrWhiteSpace(overlap) || !body.EndsWith(overlap, StringComparison.Ordinal)) continue;
            if (ClosesOnlyOuterBrackets(body, body.Length - length, atCursor))
                return body[..^length].TrimEnd();
        }
        return completion;
    }

    /// <summary>
    /// True when every closing bracket (in code) from <paramref name="from"/> on closes a bracket opened before the
    /// completion, so the same bracket in the document's suffix would close it a second time.
    /// </summary>
    private static bool ClosesOnlyOuterBrackets(string text, int from, LexState start)
    {
        var depth = new int[3];
        bool onlyOuter = true;
        CodeScanner.Scan(text, start, i =>
        {
            int open = Openers.IndexOf(text[i]), close = Closers.IndexOf(text[i]);
            if (open >= 0) depth[open]++;
            else if (close >= 0 && depth[close] > 0)
            {
                depth[close]--;
                if (i >= from) onlyOuter = false; // closes what the completion itself opened
            }
            return onlyOuter;
        });
        return onlyOuter;
    }
}
