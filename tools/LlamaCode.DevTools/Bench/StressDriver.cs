using System.Diagnostics;
using System.Text.Json;
using LlamaCode.Completion.Documents;
using StreamJsonRpc;

namespace LlamaCode.DevTools.Bench;

/// <summary>How one request of the trace ended.</summary>
public enum StressOutcomeKind { Answered, CancelledByClient, Superseded, ContentModified, Error, Unanswered }

public sealed record StressOutcome(int Step, StressOutcomeKind Kind, double Ms, string? Text, string? Error);

public sealed record StressReport(IReadOnlyList<StressOutcome> Outcomes, long ResidentAtHalf, long ResidentAfter, string FinalText, int FinalCursor)
{
    public int Count(StressOutcomeKind kind) => Outcomes.Count(o => o.Kind == kind);

    public double Percentile(double p)
    {
        var ms = Outcomes.Where(o => o.Kind == StressOutcomeKind.Answered).Select(o => o.Ms).Order().ToArray();
        return ms.Length == 0 ? double.NaN : ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(p * ms.Length) - 1)];
    }
}

/// <summary>Replays a <see cref="StressTrace"/> against a running server, as an editor would send it.</summary>
public static class StressDriver
{
    public static async Task<StressReport> RunAsync(ServerProcess server, string uri, string document, IReadOnlyList<TraceStep> steps,
        TimeSpan answerTimeout, Action<int>? progress = null)
    {
        var rpc = server.Rpc;
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = document } });
        var text = document;
        var version = 1;
        var outcomes = new List<StressOutcome>();
        var overlapped = new List<Task<StressOutcome>>();
        long residentAtHalf = 0;
        // Memory is compared between the middle and the end: the first requests also JIT-compile and tier up the
        // parsers and binders they touch (tens of MiB of code), growth that stops, where a leak's does not.
        int half = steps.Count / 2 - 1;

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var (sl, sc) = TextPositions.Position(text, step.Edit.Offset, ColumnUnit.Utf16);
            var (el, ec) = TextPositions.Position(text, step.Edit.Offset + step.Edit.Length, ColumnUnit.Utf16);
            await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version = ++version },
                contentChanges = new[] { new { range = new { start = new { line = sl, character = sc }, end = new { line = el, character = ec } }, text = step.Edit.Text } },
            });
            text = string.Concat(text.AsSpan(0, step.Edit.Offset), step.Edit.Text, text.AsSpan(step.Edit.Offset + step.Edit.Length));
            var (line, character) = TextPositions.Position(text, step.Cursor, ColumnUnit.Utf16);

            var outcome = RequestAsync(rpc, uri, line, character, i, step.CancelAfterMs, answerTimeout);
            if (step.Overlapped) overlapped.Add(outcome);
            else outcomes.Add(await outcome);
            if (i == half || i == steps.Count - 1)
            {
                outcomes.AddRange(await Task.WhenAll(overlapped));
                overlapped.Clear();
                if (i == half) residentAtHalf = server.ResidentBytes();
            }
            progress?.Invoke(i);
        }
        outcomes.Sort((a, b) => a.Step.CompareTo(b.Step));
        return new StressReport(outcomes, residentAtHalf, server.ResidentBytes(), text, steps.Count > 0 ? steps[^1].Cursor : 0);
    }

    /// <summary>An inline request (automatic trigger) at (line, character); null text when the list was empty.</summary>
    public static async Task<string?> InlineAsync(JsonRpc rpc, string uri, int line, int character, int triggerKind, CancellationToken ct)
    {
        var result = await rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri }, position = new { line, character }, context = new { triggerKind },
        }, ct);
        var items = result.GetProperty("items");
        return items.GetArrayLength() == 0 ? null : items[0].GetProperty("insertText").GetString();
    }

    private static async Task<StressOutcome> RequestAsync(JsonRpc rpc, string uri, int line, int character, int step, int? cancelAfterMs, TimeSpan timeout)
    {
        using var cts = cancelAfterMs is { } ms ? new CancellationTokenSource(ms) : new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        try
        {
            var text = await InlineAsync(rpc, uri, line, character, 2, cts.Token).WaitAsync(timeout);
            return new(step, StressOutcomeKind.Answered, clock.Elapsed.TotalMilliseconds, text, null);
        }
        catch (TimeoutException)
        {
            return new(step, StressOutcomeKind.Unanswered, clock.Elapsed.TotalMilliseconds, null, "no answer in time");
        }
        catch (OperationCanceledException)
        {
            // The client library turns a RequestCancelled answer into a cancelled task: ours, or the server's supersede.
            var kind = cancelAfterMs is null ? StressOutcomeKind.Superseded : StressOutcomeKind.CancelledByClient;
            return new(step, kind, clock.Elapsed.TotalMilliseconds, null, null);
        }
        catch (RemoteInvocationException e) when (e.ErrorCode == -32801)
        {
            return new(step, StressOutcomeKind.ContentModified, clock.Elapsed.TotalMilliseconds, null, null);
        }
        catch (Exception e)
        {
            return new(step, StressOutcomeKind.Error, clock.Elapsed.TotalMilliseconds, null, e.Message);
        }
    }
}
