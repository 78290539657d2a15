namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// C# only: a completion that adds syntax errors to the document (<see cref="CSharpSyntaxCheck"/>) is cut to its
/// longest start that adds none: whole lines, or for a one-line completion, whole tokens. Nothing left: dropped.
/// A completion cut off by the token limit (<see cref="CursorContext.Truncated"/>) is first judged from its last whole
/// line as if the brackets it opened were closed: the model would have closed them, and the user can accept the
/// start of a block and let the next completion finish it.
/// </summary>
public sealed class DropAddedSyntaxErrors(SpeculativeParse parse = SpeculativeParse.Incremental) : ICompletionRule
{
    public string Apply(string completion, CursorContext context)
    {
        if (!CSharpSyntaxCheck.AppliesTo(context.DocumentPath)) return completion;
        // A keystroke's document is an edit of the one the previous keystroke parsed; usually parsed already, while the
        // model generated.
        var check = context.PreparedSyntaxCheck is { } prepared && parse == SpeculativeParse.Incremental
            ? prepared.GetAwaiter().GetResult()
            : CSharpSyntaxCheck.Of(context, parse, fromPreviousVersion: true);
        if (check.AddedErrors(completion) == 0) return completion;
        // From the completion's own parse (before another replaces it): where it may be cut, and the first error.
        var shorter = completion.Contains('\n') ? LineEnds(completion).ToList() : check.TokenEnds(completion);
        // Starts that keep the token of the first error and what follows it meet that error again: not parsed.
        int longest = check.FirstErrorTokenEnd(completion) ?? completion.Length;
        if (context.Truncated && WholeLines(completion) is { Length: > 0 } whole && Closers(whole) is { } closers
            && check.AddedErrors(whole + closers) == 0)
            return whole;

        foreach (var length in shorter.Where(l => l <= longest).Reverse())
            if (check.AddedErrors(completion[..length]) == 0) return completion[..length];
        return "";
    }

    /// <summary>A multi-line completion without its last (maybe unfinished) line; a one-line completion as it is.</summary>
    private static string WholeLines(string completion)
    {
        int end = completion.LastIndexOf('\n');
        return end < 0 ? completion : completion[..end].TrimEnd('\r', ' ', '\t');
    }

    /// <summary>
    /// What closes the brackets <paramref name="code"/> leaves open, innermost first (a brace on a line of its own);
    /// null when it ends inside a comment or literal, or closes more than it opens.
    /// </summary>
    private static string? Closers(string code)
    {
        var open = new Stack<char>();
        bool balanced = true;
        var end = CodeScanner.Scan(code, LexState.Code, i =>
        {
            char c = code[i];
            if (c is '(' or '[' or '{') open.Push(c);
            else if (c is ')' or ']' or '}')
            {
                if (open.Count == 0 || open.Pop() != (c switch { ')' => '(', ']' => '[', _ => '{' })) balanced = false;
            }
            return balanced;
        });
        if (!balanced || end.Mode != LexMode.Code) return null;
        return string.Concat(open.Select(c => c switch { '(' => ")", '[' => "]", _ => "\n}" }));
    }

    /// <summary>Lengths of the completion's starts that end a non-blank line before its last line, shortest first.</summary>
    private static IEnumerable<int> LineEnds(string completion)
    {
        for (int end = completion.IndexOf('\n'); end >= 0; end = completion.IndexOf('\n', end + 1))
        {
            var line = completion[..end].TrimEnd('\r');
            int lineStart = line.LastIndexOf('\n') + 1;
            if (!string.IsNullOrWhiteSpace(line[lineStart..])) yield return line.Length;
        }
    }
}
