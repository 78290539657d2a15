using System.Diagnostics;

namespace LlamaCode.DevTools.Bench.Fuzz;

/// <summary>What a fuzz run found. Counts are over the whole run, tallied after the server's output ended.</summary>
public sealed record FuzzReport(
    int Seed, int Messages, int Owed, int Answered, int Unanswered, int Duplicates, int Crashes, string? CrashDetail,
    int? ExitCode, int ExpectedExitCode, string? OutputProblem, IReadOnlyList<double> LatenciesMs, long ResidentAfterWarmUp, long ResidentAtEnd,
    TimeSpan Duration, IReadOnlyList<string> Findings)
{
    public double Percentile(double p)
    {
        var ms = LatenciesMs.Order().ToArray();
        return ms.Length == 0 ? double.NaN : ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(p * ms.Length) - 1)];
    }

    /// <summary>Nothing the acceptance forbids happened.</summary>
    public bool Clean => Crashes == 0 && Unanswered == 0 && Duplicates == 0 && ExitCode == ExpectedExitCode && OutputProblem is null;
}

/// <summary>
/// Plays <see cref="FuzzStep"/>s against a <see cref="RawServerProcess"/>: each step's messages back to back, with up to
/// <see cref="StepsInFlight"/> steps awaiting their answers (waited for on the answers themselves, bounded by
/// <see cref="AnswerLimit"/>). A crash is the process ending before the final exit; unanswered and duplicate answers are
/// counted per id once the server's output has ended.
/// </summary>
public static class FuzzDriver
{
    /// <summary>How long a step may wait for its answers before they count as missing (generous: a busy 2-core machine).</summary>
    public static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(60);

    /// <summary>Steps sent before the oldest one's answers are waited for.</summary>
    public const int StepsInFlight = 8;

    /// <summary>How long the server may take to exit after the exit notification.</summary>
    public static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    public static async Task<FuzzReport> RunAsync(string executable, string model, int seed, IReadOnlyList<FuzzStep> steps,
        double warmUpShare = 0.2, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var owed = new Dictionary<string, int>();
        var received = new Dictionary<string, int>();
        var sentAt = new Dictionary<string, Queue<(long At, string Kind)>>();
        var byKind = new Dictionary<string, List<double>>();
        var latencies = new List<double>();
        var findings = new List<string>();
        var arrived = new SemaphoreSlim(0);
        var gate = new object();
        var total = steps.Sum(s => s.Messages.Count);
        var warmUpAt = (int)(total * warmUpShare);
        long residentAfterWarmUp = 0, residentAtEnd = 0;
        string? crash = null;

        await using var server = RawServerProcess.Start(executable, model);
        server.Responded += key =>
        {
            lock (gate)
            {
                received[key] = received.GetValueOrDefault(key) + 1;
                if (sentAt.TryGetValue(key, out var times) && times.Count > 0)
                {
                    var (at, kind) = times.Dequeue();
                    var ms = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
                    latencies.Add(ms);
                    if (!byKind.TryGetValue(kind, out var list)) byKind[kind] = list = [];
                    list.Add(ms);
                }
            }
            arrived.Release();
        };

        var sent = 0;
        var inFlight = new Queue<(int Index, FuzzStep Step)>();
        for (var s = 0; s < steps.Count && crash is null; s++)
        {
            var step = steps[s];
            foreach (var message in step.Messages)
            {
                if (server.HasExited) break;
                lock (gate)
                {
                    if (message.AnswerKey is { } key)
                    {
                        owed[key] = owed.GetValueOrDefault(key) + 1;
                        if (!sentAt.TryGetValue(key, out var q)) sentAt[key] = q = new();
                        q.Enqueue((Stopwatch.GetTimestamp(), message.Kind));
                    }
                }
                try
                {
                    await server.SendAsync(message.Frame);
                }
                catch (IOException)
                {
                    break; // the server is gone: reported below
                }
                sent++;
            }
            if (s == steps.Count - 1) break; // exit: the process ends

            // Up to StepsInFlight steps are answered while later ones are sent, as an editor sends while it waits. All are
            // drained after the opening, at the end of the warm-up, and before exit (sent only once shutdown is answered).
            inFlight.Enqueue((s, step));
            var drain = s == 0 || (residentAfterWarmUp == 0 && sent >= warmUpAt) || s >= steps.Count - 3;
            while (inFlight.Count > (drain ? 0 : StepsInFlight) && crash is null)
            {
                var (index, oldest) = inFlight.Dequeue();
                await WaitForAnswersAsync(oldest, owed, received, gate, arrived, server);
                if (server.HasExited)
                    crash = $"the server exited (code {server.ExitCode}) with steps {index} to {s} in flight (the oldest: {oldest.Scenario}: {string.Join(", ", oldest.Messages.Select(m => m.Kind))}); stderr:\n{server.StderrTail()}";
            }
            if (crash is not null) break;
            if (drain && residentAfterWarmUp == 0 && sent >= warmUpAt) residentAfterWarmUp = server.ResidentBytes();
            if (s == steps.Count - 2) residentAtEnd = server.ResidentBytes();
            if ((s + 1) % 200 == 0) progress?.Invoke($"{sent} messages, server RSS {server.ResidentBytes() >> 20} MiB");
        }

        int? exitCode = null;
        if (crash is null)
        {
            try
            {
                await server.Exited.WaitAsync(ExitLimit);
                exitCode = server.ExitCode;
            }
            catch (TimeoutException)
            {
                findings.Add($"the server did not exit within {ExitLimit.TotalSeconds:F0} s of the exit notification");
            }
        }
        if (server.HasExited) await server.OutputEnded.WaitAsync(ExitLimit).ConfigureAwait(false);

        int answered = 0, unanswered = 0, duplicates = 0;
        lock (gate)
        {
            foreach (var key in owed.Keys.Union(received.Keys))
            {
                int o = owed.GetValueOrDefault(key), r = received.GetValueOrDefault(key);
                answered += Math.Min(o, r);
                if (r < o)
                {
                    unanswered += o - r;
                    findings.Add($"unanswered: id {key} ({o - r} of {o})");
                }
                if (r > o)
                {
                    duplicates += r - o;
                    findings.Add($"answered more often than asked: id {key} ({r} answers, {o} owed)");
                }
            }
        }
        var expectedExit = 0;
        lock (gate)
            findings.AddRange(byKind.OrderByDescending(k => k.Value.Sum()).Take(5)
                .Select(k => $"slowest kinds: {k.Key}: {k.Value.Count} answers, max {k.Value.Max():F0} ms, total {k.Value.Sum() / 1000:F1} s"));
        return new FuzzReport(seed, sent, owed.Values.Sum(), answered, unanswered, duplicates, crash is null ? 0 : 1, crash, exitCode, expectedExit,
            server.OutputProblem, latencies, residentAfterWarmUp, residentAtEnd, clock.Elapsed, findings);
    }

    /// <summary>Until every id the step is owed has had as many answers as were asked of it so far, the server exits, or the limit.</summary>
    private static async Task WaitForAnswersAsync(FuzzStep step, Dictionary<string, int> owed, Dictionary<string, int> received, object gate,
        SemaphoreSlim arrived, RawServerProcess server)
    {
        var keys = step.Messages.Select(m => m.AnswerKey).OfType<string>().Distinct().ToArray();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (gate)
                if (keys.All(k => received.GetValueOrDefault(k) >= owed[k])) return;
            if (server.HasExited) return;
            var left = AnswerLimit - deadline.Elapsed;
            if (left <= TimeSpan.Zero) return;
            // Woken by each answer; the exit of the process is checked at least once a second.
            await arrived.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }
}
