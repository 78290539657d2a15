using LlamaCode.Completion.Documents;
using LlamaCode.DevTools.Bench;
using LlamaCode.ModelGenerator;
using Xunit.Abstractions;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>1,000 inline requests against a real `llamacode serve` with the tiny model: random edits, cancellations, overlaps.</summary>
public class StressTests(ITestOutputHelper output)
{
    private const string Uri = "file:///stress/Engine.cs";
    // No prefill budget: the last check compares the warm cache's answer with a fresh server's for the same full prompt;
    // with a budget, each process sizes its fallback prompt from its own measured speed, so on a loaded machine the two
    // could answer from different prompts.
    private static readonly object Options = new { maxTokens = 8, loadWaitMs = TestLimits.MachineBoundMs, prefillTargetMs = 0 };

    [Fact]
    public async Task A_thousand_requests_with_random_edits_and_cancellations()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "llamacode");
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        // A file larger than the prompt budget, so that prompts (and memory per request) reach their steady size early.
        var document = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "bench", "TypingTraceDocument.cs.txt"));
        var steps = StressTrace.Build(document, 1000, seed: 7);

        using var server = await ServerProcess.StartAsync(exe, model, Options);
        var report = await StressDriver.RunAsync(server, Uri, document, steps, TestLimits.MachineBound);

        Assert.Equal(1000, report.Outcomes.Count);
        Assert.Empty(report.Outcomes.Where(o => o.Kind is StressOutcomeKind.Unanswered or StressOutcomeKind.Error).Select(o => $"{o.Step}: {o.Kind} {o.Error}"));
        Assert.True(report.Count(StressOutcomeKind.Answered) > 700, $"only {report.Count(StressOutcomeKind.Answered)} answered");
        Assert.True(report.Count(StressOutcomeKind.CancelledByClient) + report.Count(StressOutcomeKind.Superseded) + report.Count(StressOutcomeKind.ContentModified) > 0);
        Assert.False(server.Process.HasExited);
        var growth = (double)report.ResidentAfter / report.ResidentAtHalf;
        output.WriteLine($"RSS after 500: {report.ResidentAtHalf >> 20} MiB, after 1000: {report.ResidentAfter >> 20} MiB; p50 {report.Percentile(0.5):F0} ms, p95 {report.Percentile(0.95):F0} ms");
        output.WriteLine(string.Join(", ", Enum.GetValues<StressOutcomeKind>().Select(k => $"{k} {report.Count(k)}")));
        Assert.True(growth <= 1.10, $"resident memory grew {growth:P0} over the last 500 requests ({report.ResidentAtHalf >> 20} → {report.ResidentAfter >> 20} MiB)");

        // The cache after all that gives the answer a fresh server gives.
        var (line, character) = TextPositions.Position(report.FinalText, report.FinalCursor, ColumnUnit.Utf16);
        var last = await StressDriver.InlineAsync(server.Rpc, Uri, line, character, triggerKind: 1, default);
        using var fresh = await ServerProcess.StartAsync(exe, model, Options);
        await fresh.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "csharp", version = 1, text = report.FinalText } });
        Assert.Equal(await StressDriver.InlineAsync(fresh.Rpc, Uri, line, character, triggerKind: 1, default), last);

        Assert.Equal(0, await server.ShutdownAsync());
    }

    [Fact]
    public void The_trace_is_a_pure_function_of_its_seed_and_keeps_the_cursor_in_the_text()
    {
        var doc = "class A\n{\n    int x;\n}\n";
        var a = StressTrace.Build(doc, 300, seed: 3);
        Assert.Equal(a, StressTrace.Build(doc, 300, seed: 3));
        var text = doc;
        foreach (var step in a)
        {
            text = StressTrace.Apply(text, [step]);
            Assert.InRange(step.Cursor, 0, text.Length);
            Assert.False(step.Cursor > 0 && step.Cursor < text.Length && char.IsLowSurrogate(text[step.Cursor]), "cursor inside a surrogate pair");
        }
        Assert.Contains(a, s => s.CancelAfterMs is not null);
        Assert.Contains(a, s => s.Overlapped);
    }

    private static string RepoRoot() => DevModels.RepositoryRoot() ?? throw new InvalidOperationException("not run from a LlamaCode checkout");
}
