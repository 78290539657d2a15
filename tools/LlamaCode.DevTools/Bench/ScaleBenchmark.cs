using System.Diagnostics;
using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.DevTools.Bench;

/// <summary>What one start of a workspace cost, measured inside the process that started it.</summary>
/// <param name="FirstContextSeconds">from the start until a request first got context from other files (index snippets or stubs)</param>
/// <param name="FirstStubsSeconds">from the start until a request first got symbol stubs (its projects compiled)</param>
/// <param name="FirstStubsCpuSeconds">CPU time the process had used by then, all threads (on a shared machine, wall time depends on the others' load)</param>
/// <param name="ReachableProjects">projects compiled for that request: the document's and those it references</param>
public sealed record ScaleRun(
    string Document, int ReachableProjects, int ReachableDocuments, int Projects,
    double IndexSeconds, int CacheHits, int CacheMisses,
    double FirstContextSeconds, double FirstStubsSeconds, double FirstStubsCpuSeconds, int FirstStubs, int FirstContextSnippets,
    long PeakRssBytes, long RssAfterGcBytes, long HeapAfterGcBytes);

/// <summary>
/// `llamacode-dev bench scale`: start-up and memory of the workspace context on repositories of growing size. Each start
/// runs in a child process of its own (so that its peak RSS is that start's alone), cold (no on-disk index) and then
/// warm (the index cached by the cold start), with no model: the figures are the context's.
/// </summary>
public static class ScaleBenchmark
{
    // Requests come as a user types; a start that never gets stubs is reported as such, not waited for forever.
    private static readonly TimeSpan RequestInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    /// <summary>The child's part: start the workspace as the server does, ask for the first context, measure.</summary>
    public static async Task<ScaleRun> MeasureAsync(string root, string cachePath, string? document, ProjectLoaderKind loader,
        TextWriter log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        double startCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var files = new WorkspaceFiles(root);
        var context = await WorkspaceContext.StartAsync(files, new CSharpLoadOptions(loader, log.WriteLine), null, ct, cachePath);
        log.WriteLine($"project graph loaded at {watch.Elapsed.TotalSeconds:F1} s");

        var solution = context.CSharp.Solution;
        var path = document ?? DefaultDocument(context.CSharp);
        var full = files.TryResolve(path) ?? throw new ArgumentException($"{path} is not in the workspace");
        var text = await File.ReadAllTextAsync(full, ct);
        int offset = CursorOffset(text);
        // As an editor does: the document is opened, then completion is asked for in it, again and again as the user
        // types, each request waiting for its project's compilation no longer than the server's requests do.
        context.Symbols.CompileWait = LanguageServer.Server.WorkspaceHost.FirstCompileWait;
        context.UpdateDocument(path, text, Completion.Retrieval.RecencyKind.Opened);
        var composer = new PromptComposer(new ApproximateTokenizer(), context.Default);
        double? firstContext = null, firstStubs = null, firstStubsCpu = null;
        int stubs = 0, snippets = 0;
        while (firstStubs is null)
        {
            var prompt = await composer.ComposeAsync(new ContextQuery(path, text, offset), FimLayout.Spm, TokenBudget.ForDocumentAndContext(1024, 2048), ct);
            if (prompt.Fim.Context.Count > 0 && firstContext is null)
            {
                firstContext = watch.Elapsed.TotalSeconds;
                snippets = prompt.Fim.Context.Count(b => b.Kind == ContextBlock.SnippetKind);
                log.WriteLine($"first context at {firstContext:F1} s: {string.Join(", ", prompt.Fim.Context.GroupBy(b => b.Kind).Select(g => $"{g.Count()} {g.Key}"))}");
            }
            if (prompt.Fim.Context.Any(b => b.Kind == ContextBlock.SymbolsKind))
            {
                firstStubs = watch.Elapsed.TotalSeconds;
                firstStubsCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - startCpu;
                stubs = prompt.Fim.Context.Count(b => b.Kind == ContextBlock.SymbolsKind);
                log.WriteLine($"first symbol stubs at {firstStubs:F1} s: {stubs}");
            }
            else await Task.Delay(RequestInterval, ct);
            if (watch.Elapsed > GiveUpAfter) break;
        }

        await context.IndexReady;
        double indexSeconds = context.Index.Stats.BuildTime?.TotalSeconds ?? watch.Elapsed.TotalSeconds;
        var cacheStats = context.Index.CacheStats ?? (0, 0);
        log.WriteLine($"index built in {indexSeconds:F1} s ({cacheStats.Hits} files from the cache, {cacheStats.Misses} chunked)");
        // What the start cost in garbage collection pauses (every thread stopped, keystrokes included).
        var lastBlocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        log.WriteLine($"GC by then: {GC.CollectionCount(0)} / {GC.CollectionCount(1)} / {GC.CollectionCount(2)} collections of gen 0 / 1 / 2, "
            + $"{GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms paused in all, the last full blocking one {lastBlocking.PauseDurations[0].TotalMilliseconds:F0} ms (#{lastBlocking.Index})");

        var project = context.CSharp.GetDocument(path)?.Project;
        var reachable = project is null ? [] : solution.GetProjectDependencyGraph().GetProjectsThatThisProjectTransitivelyDependsOn(project.Id).Append(project.Id).ToList();
        long peak = ProcessMemory.PeakRss();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        long rss = ProcessMemory.CurrentRss();
        GC.KeepAlive(context);
        return new ScaleRun(path, reachable.Count, reachable.Sum(id => solution.GetProject(id)!.DocumentIds.Count), solution.ProjectIds.Count,
            indexSeconds, cacheStats.Hits, cacheStats.Misses,
            firstContext ?? double.NaN, firstStubs ?? double.NaN, firstStubsCpu ?? double.NaN, stubs, snippets,
            peak, rss, heap);
    }

    /// <summary>
    /// The document a benchmark opens when none is named: the middle one (by path) of the project with the most
    /// documents, the kind of place where a repository's size shows.
    /// </summary>
    public static string DefaultDocument(CSharpWorkspace workspace)
    {
        var project = workspace.Solution.Projects
            .OrderByDescending(p => p.DocumentIds.Count).ThenBy(p => p.Name, StringComparer.Ordinal).First();
        var paths = project.Documents.Select(d => d.FilePath).OfType<string>()
            .Where(p => p != AdhocCompilation.ImplicitUsingsPath).Order(StringComparer.Ordinal).ToList();
        var path = paths[paths.Count / 2];
        return Path.IsPathRooted(path) ? workspace.Files.ToRelative(path) ?? path : path;
    }

    /// <summary>The cursor: the start of the code on the middle line of the file.</summary>
    public static int CursorOffset(string text)
    {
        var lines = Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines;
        var line = lines[lines.Count / 2];
        int offset = line.Start;
        while (offset < line.End && char.IsWhiteSpace(text[offset])) offset++;
        return offset;
    }

    public static string ToJson(ScaleRun run) => JsonSerializer.Serialize(run);
    public static ScaleRun FromJson(string json) => JsonSerializer.Deserialize<ScaleRun>(json) ?? throw new JsonException("empty result");
}

/// <summary>This process's resident memory, from /proc (0 where there is none).</summary>
public static class ProcessMemory
{
    public static long PeakRss() => StatusKilobytes("VmHWM:") * 1024;
    public static long CurrentRss() => StatusKilobytes("VmRSS:") * 1024;

    private static long StatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException) { }
        return 0;
    }
}
