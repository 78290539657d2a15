namespace LlamaCode.Completion.PostProcessing;

/// <summary>
/// C# only: a completion that adds syntax errors to the document (<see cref="CSharpSyntaxCheck"/>) is cut to its
/// longest start that adds none: whole lines, or for a one-line completion, whole tokens. Nothing left: dropped.
/// </summary>
public sealed class DropAddedSyntaxErrors(SpeculativeParse parse = SpeculativeParse.Incremental) : ICompletionRule
{
    public string Apply(string completion, CursorContext context)
    {
        if (!CSharpSyntaxCheck.AppliesTo(context.DocumentPath)) return completion;
        var check = CSharpSyntaxCheck.Of(context, parse);
        if (check.AddedErrors(completion) == 0) return completion;

        var shorter = completion.Contains('\n') ? LineEnds(completion) : check.TokenEnds(completion);
        foreach (var length in shorter.Reverse())
            if (check.AddedErrors(completion[..length]) == 0) return completion[..length];
        return "";
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
