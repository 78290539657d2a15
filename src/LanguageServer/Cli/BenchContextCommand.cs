using System.CommandLine;
using System.Diagnostics;
using System.Text;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Evaluation;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>
/// `llamacode bench context`: how often each context source puts the declaration of the next cross-file
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
        var sources = new Option<string[]>("--source") { Description = $"Sources to compare (repeatable): {string.Join(", ", WorkspaceContext.SourceNames)}.", DefaultValueFactory = _ => WorkspaceContext.SourceNames.ToArray(), AllowMultipleArgumentsPerToken = true };
        var showMisses = new Option<bool>("--show-misses") { Description = "List each miss on stderr (path, line, identifier, declaring files, context paths)." };
        var projectLoader = CommonOptions.ProjectLoader();
        foreach (var o in new Option[] { workspace, cursors, seed, contextTokens, sources, showMisses, projectLoader }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(workspace)!;
            if (!dir.Exists) return CliErrors.Usage($"no such folder: {dir.FullName}");
            var unknown = parse.GetValue(sources)!.Where(s => !WorkspaceContext.SourceNames.Contains(s)).ToList();
            if (unknown.Count > 0) return CliErrors.Usage($"unknown source(s) {string.Join(", ", unknown)}; known: {string.Join(", ", WorkspaceContext.SourceNames)}");

            var log = Console.Error;
            var loadWatch = Stopwatch.StartNew();
            var loadProgress = new Progress<WorkspaceLoadProgress>(p => { if (p.Done == p.Total) log.WriteLine($"{p.Stage}: {p.Done}/{p.Total}"); });
            var context = await WorkspaceContext.LoadAsync(new WorkspaceFiles(dir.FullName), CommonOptions.CSharpLoading(parse.GetValue(projectLoader)), loadProgress, ct,
                IndexCache.DefaultPathFor(dir.FullName));
            // Cursors are spread over every project: all are compiled before latency is measured, as before projects loaded lazily.
            await context.WarmUpAllAsync(loadProgress, ct);
            log.WriteLine($"workspace loaded in {loadWatch.Elapsed.TotalSeconds:F1} s: {context.Describe()}");
            var picked = await RecallCursors.PickAsync(context.CSharp, parse.GetValue(cursors), parse.GetValue(seed), ct);
            log.WriteLine($"{picked.Count} cursors");
            var tokenizer = new ApproximateTokenizer();
            var results = new List<RecallResult>();
            foreach (var name in parse.GetValue(sources)!)
            {
                var source = context.Source(name);
                // Each source starts from a compacted heap, not from the garbage of the one before (jaccard's is large).
                GC.Collect();
                GC.WaitForPendingFinalizers();
                // Warm-up: the first requests pay for lazy compilation work; latency is measured after it.
                await ContextRecallBenchmark.RunAsync(source, tokenizer, picked.Take(10).ToList(), parse.GetValue(contextTokens), 1024, ct);
                Action<RecallCursor, ComposedPrompt>? onMiss = parse.GetValue(showMisses)
                    ? (c, p) => log.WriteLine($"miss {name}: {c.Path}:{c.Line + 1} {c.Identifier} (declared in {string.Join(", ", c.DeclaringPaths)}); context: {string.Join(", ", p.Fim.Context.Select(b => b.Path).Distinct())}")
                    : null;
                var result = await ContextRecallBenchmark.RunAsync(source, tokenizer, picked, parse.GetValue(contextTokens), 1024, ct, onMiss);
                log.WriteLine($"{name}: recall {result.Recall:P0}, p95 {result.P95Ms:F1} ms");
                results.Add(result);
            }
            Console.Out.Write(Table(dir.Name, parse.GetValue(contextTokens), results));
            return 0;
        });
        return command;
    }

    private static string Table(string repository, int contextTokens, IReadOnlyList<RecallResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Context recall on {repository}, {results.FirstOrDefault()?.Cursors ?? 0} cursors, {contextTokens} context tokens");
        sb.AppendLine();
        sb.AppendLine("| source | recall | context tokens (mean) | p50 ms | p95 ms | failures |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            sb.AppendLine($"| {r.Source} | {r.Recall:P0} ({r.Hits}/{r.Cursors}) | {r.MeanContextTokens:F0} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.Failures} |");
        return sb.ToString();
    }
}
