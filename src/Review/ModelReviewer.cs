using LlamaCode.Completion.Instructions;

namespace LlamaCode.Review;

/// <summary>
/// Model findings of one changed file: each hunk with added lines (up to the limit) goes to the model as its own
/// grammar-constrained instruction; comments on lines that are not added lines of that hunk are dropped.
/// </summary>
public sealed class ModelReviewer(IConstrainedGenerator generator, ReviewLimits limits)
{
    /// <summary>Time one hunk may take; the answer is cut there (complete comments are kept).</summary>
    public TimeSpan TimeBudgetPerHunk { get; init; } = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<ReviewFinding>> ReviewAsync(ChangedFile file, List<ReviewNote> notes, CancellationToken cancellationToken)
    {
        if (file.Change.NewPath is not { } path || file.HeadText is null) return [];
        var findings = new List<ReviewFinding>();
        foreach (var hunk in file.Change.Hunks.Take(limits.MaxHunksPerFile))
        {
            var added = hunk.AddedLines.ToHashSet();
            if (added.Count == 0) continue;
            var instruction = new ConstrainedInstruction(ReviewPrompt.System, budget => ReviewPrompt.UserMessage(path, hunk, file.HeadText, budget),
                ReviewGrammar.Gbnf, ReviewGrammar.MaxOutputChars, TimeBudgetPerHunk);
            var output = await generator.GenerateAsync(instruction, cancellationToken).ConfigureAwait(false);
            var (comments, problem) = ModelFindingParser.Parse(output.Text);
            if (problem is not null) notes.Add(new ReviewNote($"hunk at line {hunk.NewStart}: {problem}", path));
            int dropped = 0;
            foreach (var comment in comments)
            {
                if (!added.Contains(comment.Line)) { dropped++; continue; }
                findings.Add(new ReviewFinding(path, comment.Line, comment.Severity, ReviewFinding.ModelRuleId, comment.Message, FindingSource.Model));
            }
            if (dropped > 0) notes.Add(new ReviewNote($"hunk at line {hunk.NewStart}: {dropped} model comment(s) on lines the change did not add were dropped", path));
        }
        return findings;
    }
}
