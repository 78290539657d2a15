using System.Diagnostics;
using System.Text.RegularExpressions;
using LlamaCode.Completion;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.DevTools.Evaluation;

/// <summary>One retriever's figures on a set of <see cref="RecallCursor"/>s.</summary>
/// <param name="CpuP50Ms">the process's CPU time per request (all threads), which the other work on a shared machine does not inflate</param>
public sealed record RecallResult(string Source, int Cursors, int Hits, double MeanContextTokens, double P50Ms, double P95Ms, int Failures,
    double CpuP50Ms = 0, double CpuP95Ms = 0)
{
    public double Recall => Cursors == 0 ? 0 : (double)Hits / Cursors;
}

/// <summary>
/// Measures how often a context source puts the declaration of the identifier after the cursor into the prompt:
/// each cursor goes through the real prompt path (<see cref="PromptComposer"/>, with a context budget of
/// <c>contextTokens</c>), and it is a hit when a context segment from a declaring file names the identifier.
/// </summary>
public static class ContextRecallBenchmark
{
    public static async Task<RecallResult> RunAsync(IContextSource source, ITokenizer tokenizer, IReadOnlyList<RecallCursor> cursors,
        int contextTokens, int documentTokens, CancellationToken cancellationToken, Action<RecallCursor, ComposedPrompt>? onMiss = null)
    {
        var composer = new PromptComposer(tokenizer, source);
        var budget = TokenBudget.ForDocumentAndContext(documentTokens, contextTokens);
        var times = new List<double>();
        var cpuTimes = new List<double>();
        int hits = 0, failures = 0;
        long contextTokenSum = 0;
        foreach (var cursor in cursors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ComposedPrompt prompt;
            var cpuBefore = ProcessCpuTime.Now();
            try
            {
                prompt = await composer.ComposeAsync(new ContextQuery(cursor.Path, cursor.Text, cursor.Offset), FimLayout.Spm, budget, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures++;
                ContextDiagnostics.Report($"{source.Name}: {cursor.Path}:{cursor.Line + 1}: {e.GetType().Name}: {e.Message}");
                continue;
            }
            times.Add(prompt.ContextTime.TotalMilliseconds);
            cpuTimes.Add((ProcessCpuTime.Now() - cpuBefore).TotalMilliseconds);
            contextTokenSum += prompt.Fim.ContextTokenCount;
            if (IsHit(prompt.Fim.Context, cursor)) hits++;
            else onMiss?.Invoke(cursor, prompt);
        }
        times.Sort();
        cpuTimes.Sort();
        return new RecallResult(source.Name, cursors.Count, hits, cursors.Count == 0 ? 0 : (double)contextTokenSum / cursors.Count,
            Percentile(times, 0.50), Percentile(times, 0.95), failures, Percentile(cpuTimes, 0.50), Percentile(cpuTimes, 0.95));
    }

    /// <summary>A context block from a declaring file that names the identifier.</summary>
    public static bool IsHit(IEnumerable<ContextBlock> context, RecallCursor cursor)
    {
        var word = new Regex($@"\b{Regex.Escape(cursor.Identifier)}\b");
        return context.Any(b => cursor.DeclaringPaths.Contains(b.Path) && word.IsMatch(b.Text));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
