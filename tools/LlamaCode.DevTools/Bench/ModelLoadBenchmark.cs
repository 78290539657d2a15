using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlamaCode.Engine.Model;
using LlamaCode.Engine.Probe;
using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.DevTools.Bench;

/// <summary>One model's load times (medians over the rounds), in milliseconds.</summary>
public sealed record ModelLoadRow(string Model, long FileBytes, double ChecksMs, double LoadWithoutProbeMs, double FirstLoadMs, double CachedLoadMs, double ProbeChildMs)
{
    public double FirstLoadExtraMs => FirstLoadMs - LoadWithoutProbeMs;
    public double CachedLoadExtraMs => CachedLoadMs - LoadWithoutProbeMs;
}

/// <summary>
/// What the first-load probe costs: each round loads the model without a probe, with a probe whose cache is empty
/// (the child runs), and again with the verdict cached, in turn, so the three see the same page cache.
/// </summary>
public static class ModelLoadBenchmark
{
    public static async Task<ModelLoadRow> RunAsync(string name, string path, int rounds, TextWriter log, CancellationToken ct)
    {
        var checks = new List<double>();
        var plain = new List<double>();
        var first = new List<double>();
        var cached = new List<double>();
        var child = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var cache = Directory.CreateTempSubdirectory("llamacode-bench-probe-").FullName;
            try
            {
                var probe = new ModelProbe(new ModelProbeOptions(ProbeModelCommand.Executable()) { CacheFolder = cache });
                checks.Add(Time(() => ModelFileCheck.Validate(path)));
                plain.Add(await TimeLoadAsync(path, null, ct));
                var firstMs = await TimeLoadAsync(path, probe, ct);
                first.Add(firstMs);
                child.Add(Directory.GetFiles(cache).Length == 1 ? ChildMs(probe, path) : double.NaN);
                cached.Add(await TimeLoadAsync(path, probe, ct));
                log.WriteLine($"{name} round {round + 1}: checks {checks[^1]:F0} ms, load {plain[^1]:F0} ms, first load {firstMs:F0} ms, cached {cached[^1]:F0} ms");
            }
            finally
            {
                Directory.Delete(cache, recursive: true);
            }
        }
        return new ModelLoadRow(name, new FileInfo(path).Length, Median.Of(checks), Median.Of(plain), Median.Of(first), Median.Of(cached), Median.Of(child));
    }

    private static async Task<double> TimeLoadAsync(string path, ModelProbe? probe, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var model = await ModelLoader.LoadAsync(path, new ModelLoadOptions { Probe = probe }, ct);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    // The child's own time, as the cached verdict recorded it.
    private static double ChildMs(ModelProbe probe, string path)
    {
        var summary = ModelFileCheck.Validate(path);
        return probe.CheckAsync(path, summary.DataSectionOffset, 0, CancellationToken.None).GetAwaiter().GetResult().Milliseconds;
    }

    public static string Table(IReadOnlyList<ModelLoadRow> rows)
    {
        string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("| model | file | managed checks | load, no probe | first load (probe child) | extra | probe child alone | later load (cached verdict) | extra |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine($"| {r.Model} | {r.FileBytes / 1048576.0:N0} MiB | {Ms(r.ChecksMs)} ms | {Ms(r.LoadWithoutProbeMs)} ms | {Ms(r.FirstLoadMs)} ms | +{Ms(r.FirstLoadExtraMs)} ms | {Ms(r.ProbeChildMs)} ms | {Ms(r.CachedLoadMs)} ms | {(r.CachedLoadExtraMs >= 0 ? "+" : "")}{Ms(r.CachedLoadExtraMs)} ms |");
        return text.ToString();
    }
}
