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
}

/// <summary>
/// Editors typing at once against one inference server: each editor is its own `llamacode serve` process with its own
/// LSP client and document; each keystroke is a didChange and an invoked inline request, answered before the next.
/// Overhead is a keystroke's LSP round trip minus the time the server reported for it.
/// </summary>
public static class RemoteLoadBenchmark
{
    public static async Task<RemoteLoadRow> RunAsync(string executable, string? vocabulary, object settings, string document, int editors, int keystrokes,
        TextWriter log, CancellationToken cancellationToken)
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, editors).Select(_ => ServerProcess.StartAsync(executable, vocabulary ?? "", settings)));
        try
        {
            var runs = await Task.WhenAll(servers.Select((server, i) => TypeAsync(server, i, document, keystrokes, cancellationToken)));
            var latencies = runs.SelectMany(r => r.Latencies).ToList();
            var served = new List<JsonElement>();
            foreach (var server in servers)
            {
                var stats = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: cancellationToken);
                served.AddRange(stats.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("source").GetString() == "model"));
            }
            // Requests of one editor are answered one after the other: its n-th served request is its n-th keystroke.
            var overheads = new List<double>();
            var serverTimes = new List<double>();
            int unserved = 0;
            var httpOverheads = new List<double>();
            for (int e = 0; e < editors; e++)
            {
                var stats = await servers[e].Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: cancellationToken);
                var mine = stats.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("source").GetString() == "model").ToList();
                // A keystroke the server failed (unreachable, error, nothing within the time budget) is answered with an empty list and not served.
                unserved += runs[e].Latencies.Count - mine.Count;
                // Keystrokes pair up with served requests only when every keystroke was served.
                bool paired = mine.Count == runs[e].Latencies.Count;
                for (int k = 0; k < mine.Count; k++)
                    if (mine[k].TryGetProperty("serverMs", out var ms) && ms.ValueKind == JsonValueKind.Number)
                    {
                        serverTimes.Add(ms.GetDouble());
                        httpOverheads.Add(mine[k].GetProperty("totalMs").GetDouble() - ms.GetDouble());
                        if (paired) overheads.Add(runs[e].Latencies[k] - ms.GetDouble());
                    }
            }
            double prompt = served.Sum(r => r.GetProperty("promptTokens").GetInt32()), cached = served.Sum(r => r.GetProperty("cachedTokens").GetInt32());
            log.WriteLine($"{editors} editor(s): {latencies.Count} keystrokes answered, {runs.Sum(r => r.Failed)} failed, {unserved} not served by the server");
            return new RemoteLoadRow(editors, latencies.Count, Percentile(latencies, 0.5), Percentile(latencies, 0.95), prompt > 0 ? cached / prompt : 0,
                Percentile(serverTimes, 0.5), Percentile(overheads, 0.5), Percentile(overheads, 0.95), runs.Sum(r => r.Failed) + unserved)
            {
                HttpOverheadP50Ms = Percentile(httpOverheads, 0.5), HttpOverheadP95Ms = Percentile(httpOverheads, 0.95),
            };
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

    private sealed record EditorRun(List<double> Latencies, int Failed);

    /// <summary>Types a line, one character per keystroke, at a line of the document that differs per editor.</summary>
    private static async Task<EditorRun> TypeAsync(ServerProcess server, int editor, string document, int keystrokes, CancellationToken ct)
    {
        var uri = $"file:///bench/editor{editor}/TypingTraceDocument.cs";
        var lines = document.Split('\n').ToList();
        var at = Math.Min(lines.Count - 1, lines.Count / 3 + editor * 7);
        lines.Insert(at, "        ");
        var text = string.Join('\n', lines);
        const string Typed = "var total = items.Where(item => item.IsActive).Sum(item => item.Price * item.Quantity);";
        await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text } });
        var latencies = new List<double>();
        int failed = 0;
        for (int k = 0; k < keystrokes; k++)
        {
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
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed++;
            }
        }
        return new EditorRun(latencies, failed);
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
        sb.AppendLine("| editors | keystrokes | keystroke → answer p50 ms | p95 ms | server-side cached share | server time p50 ms | keystroke − server p50 ms | p95 ms | HTTP exchange − server p50 ms | p95 ms | not served (error or time budget) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            sb.AppendLine(string.Create(c, $"| {r.Editors} | {r.Keystrokes} | {r.P50Ms:F0} | {r.P95Ms:F0} | {r.CachedShare:P1} | {r.ServerP50Ms:F1} | {r.OverheadP50Ms:F1} | {r.OverheadP95Ms:F1} | {r.HttpOverheadP50Ms:F1} | {r.HttpOverheadP95Ms:F1} | {r.Failed} |"));
        return sb.ToString();
    }
}
