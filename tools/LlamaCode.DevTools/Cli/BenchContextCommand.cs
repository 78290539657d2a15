using System.CommandLine;
using System.Diagnostics;
using System.Text;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Workspace;
using LlamaCode.DevTools.Evaluation;
using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.DevTools.Cli;

/// <summary>
/// `llamacode-dev bench context`: how often each context source puts the declaration of the next cross-file
/// identifier into the prompt, at a fixed context budget, with prompt tokens and latency.
/// </summary>
internal static class BenchContextCommand
{
    public static Command Build()
    {
        var command = new Command("context", "Recall of the declaration of the next cross-file identifier in the prompt, per context source, with p50/p95 latency.");
        var workspace = new Option<DirectoryInfo>("--workspace", "-w") { Description = "The repository to measure on.", Required = true };
        var cursors = new Option<int>("--cursors") { Description = "Cursors to sample (at most one per file).", DefaultValueFactory = _ => 150 };
        var seed = new Option<int>("--seed") { Description = "Seed of the cursor sample.", DefaultValueFactory = _ => 1 };
        var contextTokens = new Option<int>("--context-tokens") { Description = "Token budget of everything not from the current document (4 characters per token).", DefaultValueFactory = _ => 2048 };
        var sources = new Option<string[]>("--source") { Description = $"Sources to compare (repeatable): {string.Join(", ", ContextSources.Names)}.", DefaultValueFactory = _ => ContextSources.Names.ToArray(), AllowMultipleArgumentsPerToken = true };
        var showMisses = new Option<bool>("--show-misses") { Description = "List each miss on stderr (path, line, identifier, declaring files, context paths)." };
        var showBlocks = new Option<bool>("--show-blocks") { Description = "With --show-misses: also each context block of a miss (kind, stability, characters, first line)." };
        var split = new Option<string>("--split") { Description = "Which cursors: all, dev (the half retrieval is developed on), report (the half only reported), or both halves in one run (--show-misses then lists dev misses only).", DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong("all", "dev", "report", "both");
        var typingCursors = new Option<int>("--typing-cursors") { Description = "Cursors (of the measured ones) at which the identifier is typed one character at a time, to measure how often the context changes between keystrokes (0: none).", DefaultValueFactory = _ => 20 };
        var projectLoader = CommonOptions.ProjectLoader();
        foreach (var o in new Option[] { workspace, cursors, seed, contextTokens, sources, showMisses, showBlocks, split, typingCursors, projectLoader }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(workspace)!;
            if (!dir.Exists) return CliErrors.Usage($"no such folder: {dir.FullName}");
            var unknown = parse.GetValue(sources)!.Where(s => !ContextSources.Names.Contains(s)).ToList();
            if (unknown.Count > 0) return CliErrors.Usage($"unknown source(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ContextSources.Names)}");

            var log = Console.Error;
            var loadWatch = Stopwatch.StartNew();
            var loadProgress = new Progress<WorkspaceLoadProgress>(p => { if (p.Done == p.Total) log.WriteLine($"{p.Stage}: {p.Done}/{p.Total}"); });
            var context = await WorkspaceContext.LoadAsync(new WorkspaceFiles(dir.FullName), CommonOptions.CSharpLoading(parse.GetValue(projectLoader)), loadProgress, ct,
                IndexCache.DefaultPathFor(dir.FullName));
            // Cursors are spread over every project: all are compiled before latency is measured, as before projects loaded lazily.
            await context.WarmUpAllAsync(loadProgress, ct);
            log.WriteLine($"workspace loaded in {loadWatch.Elapsed.TotalSeconds:F1} s: {context.Describe()}");
            var picked = await RecallCursors.PickAsync(context.CSharp, parse.GetValue(cursors), parse.GetValue(seed), ct);
            var halves = parse.GetValue(split) switch
            {
                "dev" => new[] { ("dev", CursorSplit.Only(picked, CursorHalf.Dev)) },
                "report" => [("report", CursorSplit.Only(picked, CursorHalf.Report))],
                "both" => [("dev", CursorSplit.Only(picked, CursorHalf.Dev)), ("report", CursorSplit.Only(picked, CursorHalf.Report))],
                _ => [("all", picked)],
            };
            log.WriteLine($"{picked.Count} cursors: {string.Join(", ", halves.Select(h => $"{h.Item1} {h.Item2.Count}"))}");
            var tokenizer = new ApproximateTokenizer();
            var results = new List<(string Half, RecallResult Recall, ChurnResult? Churn)>();
            foreach (var name in parse.GetValue(sources)!)
            {
                var source = ContextSources.Named(context, name);
                // Each source starts from a compacted heap, not from the garbage of the one before (jaccard's is large).
                GC.Collect();
                GC.WaitForPendingFinalizers();
                // Warm-up: the first requests pay for lazy compilation work; latency is measured after it.
                await ContextRecallBenchmark.RunAsync(source, tokenizer, picked.Take(10).ToList(), parse.GetValue(contextTokens), 1024, ct);
                foreach (var (half, halfCursors) in halves)
                {
                    // The report half's misses are not shown when both halves run: it is not to be tuned on.
                    Action<RecallCursor, ComposedPrompt>? onMiss = parse.GetValue(showMisses) && !(half == "report" && halves.Length > 1)
                        ? (c, p) =>
                        {
                            log.WriteLine($"miss {name}: {c.Path}:{c.Line + 1} {c.Identifier} (declared in {string.Join(", ", c.DeclaringPaths)}); context: {string.Join(", ", p.Fim.Context.Select(b => b.Path).Distinct())}");
                            if (!parse.GetValue(showBlocks)) return;
                            foreach (var b in p.Fim.Context)
                                log.WriteLine($"    {b.Kind} {b.Stability:F2} {b.Text.Length,5} {b.Path}: {b.Text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//"))?.Trim()}");
                        }
                        : null;
                    var result = await ContextRecallBenchmark.RunAsync(source, tokenizer, halfCursors, parse.GetValue(contextTokens), 1024, ct, onMiss);
                    var churn = parse.GetValue(typingCursors) > 0
                        ? await ContextChurnBenchmark.RunAsync(source, tokenizer, halfCursors.Take(parse.GetValue(typingCursors)).ToList(), parse.GetValue(contextTokens), 1024, MaxKeystrokes, ct)
                        : null;
                    log.WriteLine($"{name} ({half}): recall {result.Recall:P0}, p95 {result.P95Ms:F1} ms" + (churn is null ? "" : $", context changed at {churn.ChangedShare:P0} of keystrokes"));
                    results.Add((half, result, churn));
                }
            }
            var bindings = context.Symbols.Bindings;
            log.WriteLine($"symbol requests bound: {bindings.AsSaved} as saved, {bindings.Speculative} speculatively (an edit inside one body), {bindings.Forked} in a fork");
            Console.Out.Write(Table(dir.Name, picked.Count, parse.GetValue(contextTokens), results));
            return 0;
        });
        return command;
    }

    // A typing run types at most this many characters of the identifier (its first keystrokes are where it is ambiguous).
    private const int MaxKeystrokes = 12;

    private static string Table(string repository, int cursors, int contextTokens, IReadOnlyList<(string Half, RecallResult Recall, ChurnResult? Churn)> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Context recall on {repository}, {cursors} cursors, {contextTokens} context tokens");
        sb.AppendLine();
        sb.AppendLine("| source | cursors | recall | context tokens (mean) | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | failures | context changed between keystrokes | context kept as prefix |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (half, r, churn) in results)
            sb.AppendLine($"| {r.Source} | {half} | {r.Recall:P0} ({r.Hits}/{r.Cursors}) | {r.MeanContextTokens:F0} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.CpuP50Ms:F1} | {r.CpuP95Ms:F1} | {r.Failures} | "
                + (churn is null ? "– | – |" : $"{churn.ChangedShare:P0} ({churn.Changed}/{churn.Transitions}) | {churn.KeptShare:P0} |"));
        return sb.ToString();
    }
}
