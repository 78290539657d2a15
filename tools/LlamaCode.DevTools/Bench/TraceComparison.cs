using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LlamaCode.Completion.Documents;

namespace LlamaCode.DevTools.Bench;

/// <summary>One keystroke as both servers answered it (milliseconds from the keystroke to the answer).</summary>
public sealed record KeystrokeTiming(int Index, KeystrokeClass Class, double LlamaCodeMs, double LlamaServerMs, int ServerPromptTokens, int ServerCachedTokens)
{
    public double Ratio => LlamaCodeMs / LlamaServerMs;
}

/// <summary>The side-by-side result of a trace, and its table.</summary>
public sealed record TraceComparisonReport(
    IReadOnlyList<KeystrokeTiming> Keystrokes, long LlamaCodePromptTokens, long LlamaCodeCachedTokens, int LlamaCodeModelAnswers, int LlamaCodeTypingThrough)
{
    /// <summary>Model answers that came from the small fallback prompt (the full prompt was being prefilled in the background).</summary>
    public int LlamaCodeFallbacks { get; init; }

    /// <summary>Time the bench waited, before llama-server's turns, for LlamaCode's background prefill to end.</summary>
    public double LlamaCodeBackgroundWaitMs { get; init; }

    public long ServerPromptTokens => Keystrokes.Sum(k => (long)k.ServerPromptTokens);
    public long ServerCachedTokens => Keystrokes.Sum(k => (long)k.ServerCachedTokens);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("| keystrokes | n | median of per-keystroke ratios (LlamaCode / llama-server) | LlamaCode p50 / p95 ms | llama-server p50 / p95 ms |");
        b.AppendLine("|---|---:|---:|---:|---:|");
        void Row(string name, IReadOnlyList<KeystrokeTiming> ks) => b.AppendLine(string.Create(c,
            $"| {name} | {ks.Count} | {Median.Of(ks.Select(k => k.Ratio)):F2}× | {Percentile(ks.Select(k => k.LlamaCodeMs), 0.5):F0} / {Percentile(ks.Select(k => k.LlamaCodeMs), 0.95):F0} | {Percentile(ks.Select(k => k.LlamaServerMs), 0.5):F0} / {Percentile(ks.Select(k => k.LlamaServerMs), 0.95):F0} |"));
        foreach (var kind in Enum.GetValues<KeystrokeClass>())
            Row(kind switch { KeystrokeClass.EnterInBraces => "Enter inside braces", KeystrokeClass.Jump => "jump to another method", _ => "ordinary" },
                Keystrokes.Where(k => k.Class == kind).ToList());
        Row("all", Keystrokes);
        double p95Ratio = Percentile(Keystrokes.Select(k => k.LlamaCodeMs), 0.95) / Percentile(Keystrokes.Select(k => k.LlamaServerMs), 0.95);
        b.AppendLine();
        b.AppendLine(string.Create(c, $"p95 over the trace, LlamaCode / llama-server: {p95Ratio:F2}×"));
        b.AppendLine(string.Create(c,
            $"prompt tokens served from the cache: LlamaCode {Share(LlamaCodeCachedTokens, LlamaCodePromptTokens):P1} ({LlamaCodePromptTokens / Math.Max(1, LlamaCodeModelAnswers)} per model request, {LlamaCodeModelAnswers} model requests, {LlamaCodeTypingThrough} typing-through), llama-server {Share(ServerCachedTokens, ServerPromptTokens):P1} ({ServerPromptTokens / Math.Max(1, Keystrokes.Count)} per request)"));
        b.AppendLine(string.Create(c,
            $"LlamaCode answers from the fallback prompt: {LlamaCodeFallbacks} of {LlamaCodeModelAnswers}; waited {LlamaCodeBackgroundWaitMs / 1000:F1} s in all for its background prefill to end before llama-server's turns"));
        return b.ToString();
    }

    private static double Share(long part, long whole) => whole == 0 ? double.NaN : (double)part / whole;

    public object ToJson() => new
    {
        version = 1,
        keystrokes = Keystrokes.Select(k => new { k.Index, @class = k.Class.ToString(), llamaCodeMs = k.LlamaCodeMs, llamaServerMs = k.LlamaServerMs }),
        llamaCodeCachedShare = Share(LlamaCodeCachedTokens, LlamaCodePromptTokens),
        llamaServerCachedShare = Share(ServerCachedTokens, ServerPromptTokens),
        llamaCodeFallbacks = LlamaCodeFallbacks,
        llamaCodeBackgroundWaitMs = LlamaCodeBackgroundWaitMs,
    };
}

/// <summary>
/// Sends each keystroke of an <see cref="EditorTrace"/> to `llamacode serve` (didChange, then an automatic inline
/// request) and to llama-server (llama.vscode's /infill), one after the other, alternating which goes first.
/// </summary>
public static class TraceComparison
{
    public static async Task<TraceComparisonReport> RunAsync(ServerProcess llamaCode, LlamaServerProcess llamaServer, string uri, string document,
        IReadOnlyList<EditorKeystroke> trace, int maxTokens, TextWriter log, CancellationToken cancellationToken)
    {
        var rpc = llamaCode.Rpc;
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = document } });
        var text = document;
        var version = 1;
        var timings = new List<KeystrokeTiming>();
        var backgroundWait = 0.0;
        for (var i = 0; i < trace.Count; i++)
        {
            var key = trace[i];
            var before = text;
            if (key.Edit is { } edit) text = string.Concat(text.AsSpan(0, edit.Offset), edit.Text, text.AsSpan(edit.Offset + edit.Length));

            async Task<double> LlamaCode()
            {
                var clock = Stopwatch.StartNew();
                if (key.Edit is { } e)
                {
                    var (sl, sc) = TextPositions.Position(before, e.Offset, ColumnUnit.Utf16);
                    var (el, ec) = TextPositions.Position(before, e.Offset + e.Length, ColumnUnit.Utf16);
                    await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
                    {
                        textDocument = new { uri, version = ++version },
                        contentChanges = new[] { new { range = new { start = new { line = sl, character = sc }, end = new { line = el, character = ec } }, text = e.Text } },
                    });
                }
                var (line, character) = TextPositions.Position(text, key.Cursor, ColumnUnit.Utf16);
                await StressDriver.InlineAsync(rpc, uri, line, character, 2, cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            }

            InfillAnswer? answer = null;
            async Task<double> LlamaServer()
            {
                // LlamaCode's background prefill must not compete with llama-server's request for the cores.
                backgroundWait += await WaitForBackgroundPrefillAsync(rpc, cancellationToken);
                var clock = Stopwatch.StartNew();
                answer = await llamaServer.InfillAsync(LlamaServerProcess.VsCodeInfillRequest(text, key.Cursor, maxTokens), cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            }

            double ours, theirs;
            if (i % 2 == 0) { ours = await LlamaCode(); theirs = await LlamaServer(); }
            else { theirs = await LlamaServer(); ours = await LlamaCode(); }
            timings.Add(new KeystrokeTiming(i, key.Class, ours, theirs, answer!.PromptTokens, answer.CachedTokens));
            if (Environment.GetEnvironmentVariable("LLAMACODE_TRACE_DUMP") is { Length: > 0 } dump)
            {
                // For looking into a run: each keystroke's prompt as the server reports it.
                Directory.CreateDirectory(dump);
                var prompt = await rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/lastPrompt", cancellationToken: cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(dump, $"{i:D3}-{key.Class}.json"), prompt.GetRawText(), cancellationToken);
            }
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1}/{trace.Count} {key.Class}: LlamaCode {ours:F0} ms, llama-server {theirs:F0} ms ({answer.CachedTokens}/{answer.PromptTokens} cached)"));
        }

        var stats = await rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: cancellationToken);
        var requests = stats.GetProperty("requests").EnumerateArray().ToArray();
        var model = requests.Where(r => r.GetProperty("source").GetString() == "model").ToArray();
        return new TraceComparisonReport(timings,
            model.Sum(r => (long)r.GetProperty("promptTokens").GetInt32()), model.Sum(r => (long)r.GetProperty("cachedTokens").GetInt32()),
            model.Length, requests.Count(r => r.GetProperty("source").GetString() == "typing-through"))
        {
            LlamaCodeFallbacks = model.Count(r => r.TryGetProperty("fallback", out var f) && f.GetBoolean()),
            LlamaCodeBackgroundWaitMs = backgroundWait,
        };
    }

    /// <summary>Polls llamacode/stats until the engine has no background prefill; returns the milliseconds waited.</summary>
    private static async Task<double> WaitForBackgroundPrefillAsync(StreamJsonRpc.JsonRpc rpc, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var stats = await rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: cancellationToken);
            if (!stats.TryGetProperty("backgroundPrefill", out var busy) || !busy.GetBoolean()) return clock.Elapsed.TotalMilliseconds;
            await Task.Delay(20, cancellationToken);
        }
    }
}
