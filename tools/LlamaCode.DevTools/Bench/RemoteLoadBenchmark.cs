using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCode.DevTools.Bench;

/// <summary>One run of the remote load benchmark: how many editors, and what their keystrokes cost.</summary>
public sealed record RemoteLoadRow(int Editors, int Keystrokes, double P50Ms, double P95Ms, double CachedShare, double ServerP50Ms, double OverheadP50Ms, double OverheadP95Ms, int Failed)
{
    /// <summary>The HTTP exchange's own time over the server's reported time (request, stream, parsing), p50 and p95.</summary>
    public double HttpOverheadP50Ms { get; init; }
    public double HttpOverheadP95Ms { get; init; }
    /// <summary>Where a keystroke's overhead goes (p50 of each): context and prompt, the backend's own work in the exchange, post-processing, and the rest (LSP, JSON-RPC, scheduling).</summary>
    public double ComposeP50Ms { get; init; }
    public double ClientP50Ms { get; init; }
    public double PostProcessP50Ms { get; init; }
    public double RestP50Ms { get; init; }
    /// <summary>LlamaCode's own time per keystroke: the keystroke less the HTTP exchange's wait (network, the server's queue and untimed work), p50 and p95.</summary>
    public double OwnP50Ms { get; init; }
    public double OwnP95Ms { get; init; }
}

/// <summary>
/// Editors typing at once against one inference server: each editor is its own `llamacode serve` process with its own
/// LSP client and document; each keystroke is a didChange and an invoked inline request, answered before the next.
/// Overhead is a keystroke's LSP round trip minus the time the server reported for it.
/// </summary>
public static class RemoteLoadBenchmark
{
    public static async Task<RemoteLoadRow> RunAsync(string executable, string? vocabulary, object settings, string document, int editors, int keystrokes,
        TextWriter log, CancellationToken cancellationToken, int warmup = 0)
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, editors).Select(_ => ServerProcess.StartAsync(executable, vocabulary ?? "", settings)));
        try
        {
            var runs = await Task.WhenAll(servers.Select((server, i) => TypeAsync(server, i, document, warmup, keystrokes, cancellationToken)));
            var latencies = runs.SelectMany(r => r.Latencies).ToList();
            var served = new List<JsonElement>();
            var overheads = new List<double>();
            var serverTimes = new List<double>();
            var httpOverheads = new List<double>();
            var (compose, client, post, rest, own) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
            int unserved = 0;
            for (int e = 0; e < editors; e++)
            {
                var stats = await servers[e].Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: cancellationToken);
                var mine = stats.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("source").GetString() == "model").Skip(runs[e].WarmupServed).ToList();
                served.AddRange(mine);
                // A keystroke the server failed (unreachable, error, nothing within the time budget) is answered with an empty list and not served.
                unserved += runs[e].Latencies.Count - mine.Count;
                // Requests of one editor are answered one after the other: its n-th served request is its n-th keystroke,
                // when every keystroke was served.
                bool paired = mine.Count == runs[e].Latencies.Count;
                for (int k = 0; k < mine.Count; k++)
                {
                    if (Number(mine[k], "serverMs") is not { } serverMs) continue;
                    var exchangeMs = mine[k].GetProperty("totalMs").GetDouble();
                    serverTimes.Add(serverMs);
                    httpOverheads.Add(exchangeMs - serverMs);
                    if (!paired) continue;
                    overheads.Add(runs[e].Latencies[k] - serverMs);
                    double composeMs = Number(mine[k], "composeMs") ?? 0, postMs = Number(mine[k], "postProcessMs") ?? 0;
                    compose.Add(composeMs);
                    post.Add(postMs);
                    var clientMs = Number(mine[k], "clientMs") ?? 0;
                    client.Add(clientMs);
                    own.Add(runs[e].Latencies[k] - (exchangeMs - clientMs));
                    rest.Add(runs[e].Latencies[k] - composeMs - exchangeMs - postMs);
                }
            }
            double prompt = served.Sum(r => r.GetProperty("promptTokens").GetInt32()), cached = served.Sum(r => r.GetProperty("cachedTokens").GetInt32());
            log.WriteLine($"{editors} editor(s): {latencies.Count} keystrokes answered, {runs.Sum(r => r.Failed)} failed, {unserved} not served by the server");
            var row = new RemoteLoadRow(editors, latencies.Count, Percentile(latencies, 0.5), Percentile(latencies, 0.95), prompt > 0 ? cached / prompt : 0,
                Percentile(serverTimes, 0.5), Percentile(overheads, 0.5), Percentile(overheads, 0.95), runs.Sum(r => r.Failed) + unserved)
            {
                HttpOverheadP50Ms = Percentile(httpOverheads, 0.5), HttpOverheadP95Ms = Percentile(httpOverheads, 0.95),
                ComposeP50Ms = Percentile(compose, 0.5), ClientP50Ms = Percentile(client, 0.5), PostProcessP50Ms = Percentile(post, 0.5), RestP50Ms = Percentile(rest, 0.5),
                OwnP50Ms = Percentile(own, 0.5), OwnP95Ms = Percentile(own, 0.95),
            };
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{editors} editor(s), {overheads.Count} keystrokes: overhead per keystroke over the server's own timings (prompt_ms + predicted_ms): p50 {row.OverheadP50Ms:F1} ms, p95 {row.OverheadP95Ms:F1} ms; "
                + $"of which LlamaCode's own work (all but the wait on the HTTP exchange): p50 {row.OwnP50Ms:F1} ms, p95 {row.OwnP95Ms:F1} ms"));
            return row;
        }
        finally
        {
            foreach (var server in servers)
            {
                try { await server.ShutdownAsync(); } catch (Exception) { }
                server.Dispose();
            }
        }
    }

    /// <summary>An editor's measured keystrokes, and how many requests its warm-up had served (left out of the figures).</summary>
    private sealed record EditorRun(List<double> Latencies, int Failed, int WarmupServed);

    private static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>
    /// Types a line, one character per keystroke, at a line of the document that differs per editor; the first
    /// <paramref name="warmup"/> keystrokes (a fresh process compiling its code paths) are not measured.
    /// </summary>
    private static async Task<EditorRun> TypeAsync(ServerProcess server, int editor, string document, int warmup, int keystrokes, CancellationToken ct)
    {
        var uri = $"file:///bench/editor{editor}/TypingTraceDocument.cs";
        var lines = document.Split('\n').ToList();
        var at = Math.Min(lines.Count - 1, lines.Count / 3 + editor * 7);
        lines.Insert(at, "        ");
        var text = string.Join('\n', lines);
        const string Typed = "var total = items.Where(item => item.IsActive).Sum(item => item.Price * item.Quantity);";
        await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
        var latencies = new List<double>();
        int failed = 0, warmupServed = 0;
        for (int k = 0; k < warmup + keystrokes; k++)
        {
            if (k == warmup && warmup > 0)
            {
                var stats = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: ct);
                warmupServed = stats.GetProperty("requests").EnumerateArray().Count(r => r.GetProperty("source").GetString() == "model");
            }
            var character = 8 + k;
            var inserted = Typed[k % Typed.Length].ToString();
            await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version = k + 2 },
                contentChanges = new[] { new { range = new { start = new { line = at, character }, end = new { line = at, character } }, text = inserted } },
            });
            var clock = Stopwatch.StartNew();
            try
            {
                await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
                {
                    textDocument = new { uri }, position = new { line = at, character = character + 1 }, context = new { triggerKind = 1 },
                }, ct);
                if (k >= warmup) latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (k >= warmup) failed++;
            }
        }
        return new EditorRun(latencies, failed, warmupServed);
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string ToTable(IReadOnlyList<RemoteLoadRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| editors | keystrokes | keystroke → answer p50 ms | p95 ms | server-side cached share | server time p50 ms | **overhead: keystroke − server p50 ms** | **p95 ms** | HTTP exchange − server p50 ms | p95 ms | not served (error or time budget) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            sb.AppendLine(string.Create(c, $"| {r.Editors} | {r.Keystrokes} | {r.P50Ms:F0} | {r.P95Ms:F0} | {r.CachedShare:P1} | {r.ServerP50Ms:F1} | {r.OverheadP50Ms:F1} | {r.OverheadP95Ms:F1} | {r.HttpOverheadP50Ms:F1} | {r.HttpOverheadP95Ms:F1} | {r.Failed} |"));
        sb.AppendLine();
        sb.AppendLine("Where the overhead goes, per keystroke (ms): LlamaCode's own work is everything but the HTTP exchange's wait (network, the server's queue and its untimed work); "
            + "its parts (p50 each): context + prompt (tokenizing included), the backend's own HTTP work (request built and written, stream events read), post-processing (syntax check included), the rest (LSP/JSON-RPC round trip, scheduling)");
        sb.AppendLine();
        sb.AppendLine("| editors | LlamaCode's own p50 | p95 | context + prompt | backend's own HTTP work | post-processing | LSP and the rest |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            sb.AppendLine(string.Create(c, $"| {r.Editors} | {r.OwnP50Ms:F1} | {r.OwnP95Ms:F1} | {r.ComposeP50Ms:F2} | {r.ClientP50Ms:F2} | {r.PostProcessP50Ms:F2} | {r.RestP50Ms:F2} |"));
        return sb.ToString();
    }
}
