using System.CommandLine;
using System.Diagnostics;
using System.Text;
using LlamaCode.Completion.Workspace;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.DevTools.Cli;

/// <summary>
/// `llamacode-dev bench scale`: per repository, files, lines, index time cold and warm, peak RSS, RSS after a full GC and
/// the time to the first context, each start in a fresh child process (see <see cref="ScaleBenchmark"/>).
/// </summary>
internal static class BenchScaleCommand
{
    public static Command Build()
    {
        var command = new Command("scale", "Start-up time and memory of the workspace context (no model) per repository: cold, then warm from the on-disk index.");
        var workspaces = new Option<DirectoryInfo[]>("--workspace", "-w") { Description = "Repositories to measure (repeatable), smallest first.", Required = true, AllowMultipleArgumentsPerToken = true };
        var document = new Option<string?>("--document") { Description = "Workspace-relative document to ask for context in (default: the middle file of the largest project)." };
        var cacheDir = new Option<DirectoryInfo?>("--cache-dir") { Description = "Where the benchmark's index caches go (default: a temporary folder, removed after)." };
        var child = new Option<string?>("--child-cache") { Description = "Internal: measure one start with this index cache and print its JSON.", Hidden = true };
        var projectLoader = CommonOptions.ProjectLoader();
        foreach (var o in new Option[] { workspaces, document, cacheDir, child, projectLoader }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var dirs = parse.GetValue(workspaces)!;
            if (dirs.FirstOrDefault(d => !d.Exists) is { } missing) return CliErrors.Usage($"no such folder: {missing.FullName}");
            var loader = parse.GetValue(projectLoader);
            if (parse.GetValue(child) is { } childCache)
            {
                var run = await ScaleBenchmark.MeasureAsync(dirs[0].FullName, childCache, parse.GetValue(document), loader, Console.Error, ct);
                Console.Out.WriteLine(ScaleBenchmark.ToJson(run));
                return 0;
            }

            var cacheRoot = parse.GetValue(cacheDir)?.FullName ?? Path.Combine(Path.GetTempPath(), $"llamacode-bench-scale-{Environment.ProcessId}");
            Directory.CreateDirectory(cacheRoot);
            var rows = new List<(string Name, RepositorySize Size, ScaleRun Cold, ScaleRun Warm)>();
            try
            {
                foreach (var dir in dirs)
                {
                    var size = RepositorySize.Of(new WorkspaceFiles(dir.FullName));
                    Console.Error.WriteLine($"{dir.Name}: {size.Files:N0} files, {size.CSharpFiles:N0} C# files, {size.CSharpLines:N0} C# lines");
                    var cache = Path.Combine(cacheRoot, dir.Name + ".db");
                    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(cache + suffix);
                    var cold = await RunChildAsync(dir, cache, parse.GetValue(document), loader, ct);
                    var warm = await RunChildAsync(dir, cache, parse.GetValue(document), loader, ct);
                    rows.Add((dir.Name, size, cold, warm));
                }
            }
            finally
            {
                if (parse.GetValue(cacheDir) is null) Directory.Delete(cacheRoot, recursive: true);
            }
            Console.Out.Write(Table(rows));
            return 0;
        });
        return command;
    }

    private static async Task<ScaleRun> RunChildAsync(DirectoryInfo dir, string cache, string? document, Completion.CSharp.ProjectLoaderKind loader, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Run as `dotnet llamacode.dll` when this process is.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(typeof(BenchScaleCommand).Assembly.Location);
        foreach (var arg in new[] { "bench", "scale", "--workspace", dir.FullName, "--child-cache", cache, "--project-loader", loader.ToString().ToLowerInvariant() })
            info.ArgumentList.Add(arg);
        if (document is not null) { info.ArgumentList.Add("--document"); info.ArgumentList.Add(document); }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the measuring process");
        var errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(ct) is { } line) Console.Error.WriteLine($"  {dir.Name}: {line}");
        }, ct);
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await errors;
        if (process.ExitCode != 0) throw new InvalidOperationException($"measuring {dir.Name} failed (exit {process.ExitCode})");
        return ScaleBenchmark.FromJson(output.Trim().Split('\n')[^1]);
    }

    // On a shared machine the wall times say as much about the others' load as about ours.
    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static string Table(IReadOnlyList<(string Name, RepositorySize Size, ScaleRun Cold, ScaleRun Warm)> rows)
    {
        static string Mb(long bytes) => $"{bytes / 1_000_000.0:N0} MB";
        var sb = new StringBuilder();
        sb.AppendLine($"load average at the end: {LoadAverage()}");
        sb.AppendLine();
        sb.AppendLine("| repository | files / C# files / C# lines | projects (reached) | index cold / warm | first context cold / warm | first stubs cold / warm (CPU s) | peak RSS cold / warm | RSS after full GC (heap) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, size, cold, warm) in rows)
            sb.AppendLine($"| {name} | {size.Files:N0} / {size.CSharpFiles:N0} / {size.CSharpLines:N0} | {cold.Projects} ({cold.ReachableProjects}, {cold.ReachableDocuments:N0} documents) " +
                          $"| {cold.IndexSeconds:F1} s / {warm.IndexSeconds:F1} s | {cold.FirstContextSeconds:F1} s / {warm.FirstContextSeconds:F1} s " +
                          $"| {cold.FirstStubsSeconds:F1} s / {warm.FirstStubsSeconds:F1} s ({cold.FirstStubsCpuSeconds:F1} / {warm.FirstStubsCpuSeconds:F1}) " +
                          $"| {Mb(cold.PeakRssBytes)} / {Mb(warm.PeakRssBytes)} | {Mb(cold.RssAfterGcBytes)} ({Mb(cold.HeapAfterGcBytes)}) |");
        sb.AppendLine();
        foreach (var (name, _, cold, warm) in rows)
            sb.AppendLine($"- {name}: requests in `{cold.Document}`; the first context had {cold.FirstContextSnippets} snippets cold, {warm.FirstContextSnippets} warm; " +
                          $"the first stubs were {cold.FirstStubs} cold, {warm.FirstStubs} warm; the warm start read {warm.CacheHits:N0} files from the cache and chunked {warm.CacheMisses:N0}");
        return sb.ToString();
    }
}

/// <summary>How big a repository is: files as the index sees them, and C# files and lines.</summary>
internal sealed record RepositorySize(int Files, int CSharpFiles, long CSharpLines)
{
    public static RepositorySize Of(WorkspaceFiles files)
    {
        int all = 0, cs = 0;
        long lines = 0;
        foreach (var path in files.EnumerateRelativePaths())
        {
            all++;
            if (!path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) continue;
            cs++;
            foreach (var _ in File.ReadLines(files.TryResolve(path)!)) lines++;
        }
        return new RepositorySize(all, cs, lines);
    }
}
