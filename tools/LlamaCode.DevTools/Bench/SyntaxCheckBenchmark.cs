using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlamaCode.Completion.PostProcessing;

namespace LlamaCode.DevTools.Bench;

/// <summary>
/// What the C# syntax check costs: at statements spread over a document, the statement is taken out and offered back
/// as the completion (it adds no error: one speculative parse), and offered followed by a line with a stray ")" and one
/// more line (the rule parses three times and keeps the first line). Parsed incrementally and from scratch.
/// </summary>
public static class SyntaxCheckBenchmark
{
    private const int Rounds = 10;

    public static IReadOnlyList<SyntaxCheckResult> Run(string name, string document, int cursors)
    {
        var sites = StatementSites(document, cursors);
        var modes = new[] { SpeculativeParse.Incremental, SpeculativeParse.Full };
        Measure(modes, sites, 1); // warm-up: until tiered JIT has compiled Roslyn's parser fully
        // Modes alternate at every site, so that load from other processes falls on both alike.
        var samples = Measure(modes, sites, Rounds);
        return modes.Select(parse => new SyntaxCheckResult(name, document.Split('\n').Length, sites.Count, parse,
            Median.Of(samples[(parse, 0)]), Median.Of(samples[(parse, 1)]), Median.Of(samples[(parse, 2)]), Median.Of(samples[(parse, 3)]))).ToList();
    }

    /// <summary>Samples per (mode, measure): 0 document parse, 1 check of one completion, 2 rule keeping it, 3 rule cutting the bad one.</summary>
    private static Dictionary<(SpeculativeParse, int), List<double>> Measure(SpeculativeParse[] modes, List<Site> sites, int rounds)
    {
        var samples = modes.SelectMany(m => Enumerable.Range(0, 4).Select(k => (m, k))).ToDictionary(key => key, _ => new List<double>());
        for (int round = 0; round < rounds; round++)
            foreach (var site in sites)
                foreach (var parse in modes)
                {
                    var rule = new DropAddedSyntaxErrors(parse);
                    var watch = Stopwatch.StartNew();
                    var syntax = CSharpSyntaxCheck.Of(site.Context, parse);
                    samples[(parse, 0)].Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    if (syntax.AddedErrors(site.Statement) != 0) throw new InvalidOperationException($"the statement {site.Statement} was judged to add errors");
                    samples[(parse, 1)].Add(watch.Elapsed.TotalMilliseconds);
                    samples[(parse, 2)].Add(Time(() => rule.Apply(site.Statement, site.Context), site.Statement));
                    samples[(parse, 3)].Add(Time(() => rule.Apply(site.BadCompletion, site.Context), site.Statement));
                }
        return samples;
    }

    private static double Time(Func<string> apply, string expected)
    {
        var watch = Stopwatch.StartNew();
        var result = apply();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (result != expected) throw new InvalidOperationException($"the rule kept '{result}', expected '{expected}'");
        return ms;
    }

    /// <summary>A statement taken out of the document, the cursor at its indentation, and a bad continuation of it.</summary>
    private sealed record Site(CursorContext Context, string Statement, string BadCompletion);

    /// <summary>Up to <paramref name="count"/> indented one-line statements, evenly spread over the document.</summary>
    private static List<Site> StatementSites(string document, int count)
    {
        var lines = document.Split('\n');
        var offsets = new int[lines.Length];
        for (int i = 1; i < lines.Length; i++) offsets[i] = offsets[i - 1] + lines[i - 1].Length + 1;
        var candidates = Enumerable.Range(0, lines.Length)
            .Where(i => lines[i].TrimEnd('\r').EndsWith(';') && lines[i].StartsWith("        ", StringComparison.Ordinal)
                && !lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
            .ToList();
        if (candidates.Count == 0) throw new InvalidOperationException("no indented statements in the document");
        var step = Math.Max(1, candidates.Count / count);
        return candidates.Where((_, k) => k % step == 0).Take(count).Select(i =>
        {
            var line = lines[i].TrimEnd('\r');
            var indent = line[..(line.Length - line.TrimStart().Length)];
            var start = offsets[i] + indent.Length;
            var statement = line.TrimStart();
            var context = new CursorContext(document[..start], document[(start + statement.Length)..], "bench.cs");
            return new Site(context, statement, $"{statement}\n{indent}Log(x));\n{indent}x++;");
        }).ToList();
    }


    public static string Table(IReadOnlyList<SyntaxCheckResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| document | lines | cursors | parse | document parse ms | check of one completion ms | rule, completion kept ms | rule, 3-line completion cut to 1 ms |");
        sb.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|");
        foreach (var r in results)
            sb.AppendLine(c, $"| {r.Document} | {r.Lines} | {r.Cursors} | {r.Parse.ToString().ToLowerInvariant()} | {r.DocumentMs:F2} | {r.CheckMs:F2} | {r.KeptMs:F2} | {r.CutMs:F2} |");
        return sb.ToString();
    }
}

/// <summary>Medians over cursors and rounds, in milliseconds.</summary>
public sealed record SyntaxCheckResult(string Document, int Lines, int Cursors, SpeculativeParse Parse, double DocumentMs, double CheckMs, double KeptMs, double CutMs);
