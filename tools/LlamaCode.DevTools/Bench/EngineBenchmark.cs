using System.Globalization;
using System.Text;
using LlamaCode.Completion;

namespace LlamaCode.DevTools.Bench;

/// <summary>
/// The typing-trace benchmark: a fresh engine per layout, the document opened cold, then one character typed at a
/// time at three places (near the end, the middle, near the start), each jump being a move to another function.
/// </summary>
public static class EngineBenchmark
{
    // A whole statement per place: a user types a line, then moves on.
    private const string Typed = "var total = items.Count;";

    public static async Task<EngineBenchmarkReport> RunAsync(string modelPath, LocalEngineSettings settings, string document,
        int targetTokens, int maxTokens, IReadOnlyList<FimLayout> layouts, TextWriter progress, CancellationToken ct)
    {
        var results = new List<LayoutResult>();
        string? modelName = null;
        int documentTokens = 0, documentLines = 0;
        foreach (var layout in layouts.Distinct())
        {
            await using var service = await LocalCompletionService.LoadAsync(modelPath, settings, ct);
            modelName ??= $"{Path.GetFileName(modelPath)} ({service.Model.ParameterCount / 1e6:F0}M parameters)";
            var text = CutToTokens(document, targetTokens, service);
            documentTokens = service.CountTokens(text);
            documentLines = text.Split('\n').Length;
            var lines = documentLines;
            var sites = new[] { new TypingSite(lines - 6, Typed), new TypingSite(lines / 2, Typed), new TypingSite(lines / 5, Typed) };
            var steps = TypingTrace.Build(text, sites);

            var options = new CompletionOptions { MaxTokens = maxTokens, Layout = layout, TimeBudget = TimeSpan.FromMinutes(5) };
            var samples = new List<(TypingStep Step, CompletionStats Stats)>();
            // The cold start: the document as opened, cursor where the first site will be typed.
            var opened = await service.CompleteAsync(new CompletionRequest("bench.cs", steps[0].Text.Remove(steps[0].Offset - 1, 1), steps[0].Offset - 1, options), ct);
            progress.WriteLine($"[{layout}] cold: prompt {opened.Stats!.PromptTokens} tokens, first token after {opened.Stats.TimeToFirstTokenMs:F0} ms");
            foreach (var step in steps)
            {
                var r = await service.CompleteAsync(new CompletionRequest("bench.cs", step.Text, step.Offset, options), ct);
                samples.Add((step, r.Stats!));
                progress.WriteLine($"[{layout}] site {step.Site} key {step.Keystroke}: prompt {r.Stats!.PromptTokens}, cached {r.Stats.CachedTokens}, decoded {r.Stats.DecodedTokens}, TTFT {r.Stats.TimeToFirstTokenMs:F0} ms");
            }
            results.Add(new LayoutResult(layout, opened.Stats, samples.Select(s => (s.Step.Site, s.Step.Keystroke, s.Stats)).ToList()));
        }
        return new EngineBenchmarkReport(modelName!, documentTokens, documentLines, maxTokens, results);
    }

    /// <summary>Whole lines of <paramref name="document"/> up to about <paramref name="targetTokens"/> tokens.</summary>
    private static string CutToTokens(string document, int targetTokens, LocalCompletionService service)
    {
        var lines = document.Split('\n');
        int lo = 1, hi = lines.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (service.CountTokens(string.Join('\n', lines[..mid])) <= targetTokens) lo = mid; else hi = mid - 1;
        }
        return string.Join('\n', lines[..lo]) + "\n";
    }
}

/// <summary>What one layout measured: the cold open, and every keystroke (site, keystroke index, stats).</summary>
public sealed record LayoutResult(FimLayout Layout, CompletionStats Cold, IReadOnlyList<(int Site, int Keystroke, CompletionStats Stats)> Keystrokes)
{
    /// <summary>One-character edits: every keystroke after the first at a site.</summary>
    public IEnumerable<CompletionStats> Edits => Keystrokes.Where(k => k.Keystroke > 0).Select(k => k.Stats);

    /// <summary>Jumps: the first keystroke at each site after the first one.</summary>
    public IEnumerable<CompletionStats> Jumps => Keystrokes.Where(k => k.Keystroke == 0 && k.Site > 0).Select(k => k.Stats);

    public double WarmTtftMs => Median.Of(Edits.Select(s => s.TimeToFirstTokenMs));
    public double EndSiteWarmTtftMs => Median.Of(Keystrokes.Where(k => k.Site == 0 && k.Keystroke > 0).Select(k => k.Stats.TimeToFirstTokenMs));
    public double JumpTtftMs => Median.Of(Jumps.Select(s => s.TimeToFirstTokenMs));

    /// <summary>Share of prompt tokens served from the cache over the trace (after the cold open).</summary>
    public double CachedTokenFraction => (double)Keystrokes.Sum(k => k.Stats.CachedTokens) / Keystrokes.Sum(k => k.Stats.PromptTokens);

    public double MeanDecodedTokens => Keystrokes.Average(k => k.Stats.DecodedTokens);

    public double DecodeTokensPerSecond => Median.Of(Keystrokes.Where(k => k.Stats.GeneratedTokens > 1 && k.Stats.TotalMs > k.Stats.TimeToFirstTokenMs)
        .Select(k => (k.Stats.GeneratedTokens - 1) / ((k.Stats.TotalMs - k.Stats.TimeToFirstTokenMs) / 1000)));
}

public sealed record EngineBenchmarkReport(string Model, int DocumentTokens, int DocumentLines, int MaxTokens, IReadOnlyList<LayoutResult> Layouts)
{
    public object ToJson()
    {
        var first = Layouts[0];
        return new
        {
            version = 1,
            model = Model,
            documentTokens = DocumentTokens,
            layout = first.Layout.ToString().ToLowerInvariant(),
            coldTtftMs = first.Cold.TimeToFirstTokenMs,
            warmTtftMs = first.WarmTtftMs,
            cachedTokenFraction = first.CachedTokenFraction,
            layouts = Layouts.Select(l => new
            {
                layout = l.Layout.ToString().ToLowerInvariant(),
                coldTtftMs = l.Cold.TimeToFirstTokenMs,
                warmTtftMs = l.WarmTtftMs,
                endSiteWarmTtftMs = l.EndSiteWarmTtftMs,
                jumpTtftMs = l.JumpTtftMs,
                cachedTokenFraction = l.CachedTokenFraction,
                meanDecodedTokens = l.MeanDecodedTokens,
                decodeTokensPerSecond = l.DecodeTokensPerSecond,
                keystrokes = l.Keystrokes.Count,
            }),
        };
    }

    public string ToTables()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"model: {Model}; document: {DocumentTokens} tokens, {DocumentLines} lines; {MaxTokens} tokens generated per keystroke");
        sb.AppendLine();
        sb.AppendLine("| layout | cold TTFT ms | warm TTFT ms (1-char edit, median) | warm/cold | warm TTFT ms at the end site | jump TTFT ms | cached share of prompt tokens | decoded tokens per keystroke | decode tok/s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Layouts)
            sb.AppendLine(c, $"| {l.Layout.ToString().ToUpperInvariant()} | {l.Cold.TimeToFirstTokenMs:F0} | {l.WarmTtftMs:F0} | {l.WarmTtftMs / l.Cold.TimeToFirstTokenMs:F3} | {l.EndSiteWarmTtftMs:F0} | {l.JumpTtftMs:F0} | {l.CachedTokenFraction:P1} | {l.MeanDecodedTokens:F1} | {l.DecodeTokensPerSecond:F1} |");
        return sb.ToString();
    }
}
