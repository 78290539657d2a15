using System.CommandLine;
using System.Text.Json;
using LlamaCode.Completion.Workspace;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>
/// `llamacode-dev bench trace`: an editor typing trace in a real C# repository, each keystroke sent to `llamacode serve`
/// and to llama-server (as llama.vscode sends it) on the same model, alternating which goes first.
/// </summary>
internal static class BenchTraceCommand
{
    public static Command Build()
    {
        var command = new Command("trace", "Side by side with llama-server: a typing trace (typing, deletes, Enter between braces, jumps between methods) in a real C# repository; per keystroke class the median LlamaCode/llama-server ratio, p50/p95 of each, and each side's cached prompt share.");
        var model = CommonOptions.Model("GGUF model file. Without it, the generated small model (~155M parameters, 32,016-token Code Llama vocabulary) is used.");
        var workspace = new Option<DirectoryInfo?>("--workspace", "-w") { Description = "The repository typed in (default: this repository)." };
        var file = new Option<string?>("--file") { Description = "Workspace-relative C# file the trace is generated from (default: the file with the most methods of two or more statements)." };
        var sites = new Option<int>("--sites") { Description = "New methods written (the trace jumps between them).", DefaultValueFactory = _ => 3 };
        var lineChars = new Option<int>("--line-chars") { Description = "Longest typed body line.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the typos.", DefaultValueFactory = _ => 7 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens generated per keystroke (both sides).", DefaultValueFactory = _ => 16 };
        var keystrokes = new Option<int>("--keystrokes") { Description = "Stop after this many keystrokes (0 = the whole trace).", DefaultValueFactory = _ => 0 };
        var llamaServer = new Option<FileInfo?>("--llama-server") { Description = "llama-server binary (default: built once from the pinned source by scripts/build-llama-server.sh)." };
        var contextSize = CommonOptions.ContextSize();
        var gpuLayers = CommonOptions.GpuLayers();
        var projectLoader = CommonOptions.ProjectLoader();
        var json = new Option<bool>("--json") { Description = "Print one JSON object (version 1)." };
        foreach (var o in new Option[] { model, workspace, file, sites, lineChars, seed, maxTokens, keystrokes, llamaServer, contextSize, gpuLayers, projectLoader, json }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var log = Console.Error;
            var root = parse.GetValue(workspace)?.FullName ?? DevModels.RepositoryRoot();
            if (root is null || !Directory.Exists(root)) return CliErrors.Usage("name the repository with --workspace");
            var files = new WorkspaceFiles(root);
            var relative = parse.GetValue(file) ?? PickFile(files);
            if (relative is null || files.TryResolve(relative) is not { } path || !File.Exists(path))
                return CliErrors.Usage($"no C# file to type in under {root}{(relative is null ? "" : $": {relative}")}");
            var document = await File.ReadAllTextAsync(path, ct);
            IReadOnlyList<EditorKeystroke> trace;
            try
            {
                trace = EditorTrace.Build(document, new EditorTraceOptions(parse.GetValue(sites), parse.GetValue(lineChars), Seed: parse.GetValue(seed)));
            }
            catch (ArgumentException e)
            {
                return CliErrors.Usage($"{relative}: {e.Message}");
            }
            if (parse.GetValue(keystrokes) is > 0 and var limit) trace = trace.Take(limit).ToList();

            var modelPath = DemoModel.Resolve(parse.GetValue(model), DevModelSize.Small, log);
            var binary = await LlamaServerProcess.LocateAsync(parse.GetValue(llamaServer)?.FullName, log, ct);
            int max = parse.GetValue(maxTokens), ctx = parse.GetValue(contextSize), ngl = parse.GetValue(gpuLayers);
            log.WriteLine($"trace: {trace.Count} keystrokes in {relative} ({trace.Count(k => k.Class == KeystrokeClass.EnterInBraces)} Enter inside braces, {trace.Count(k => k.Class == KeystrokeClass.Jump)} jumps)");

            var indexed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var llamaCode = await ServerProcess.StartAsync(LlamaCodeExecutable.Path, modelPath,
                new { maxTokens = max, loadWaitMs = 600_000, contextSize = ctx, gpuLayers = ngl, projectLoader = parse.GetValue(projectLoader).ToString() },
                rootUri: new Uri(root + Path.DirectorySeparatorChar).AbsoluteUri,
                onProgress: (_, value) =>
                {
                    if (value.TryGetProperty("kind", out var kind) && kind.GetString() == "end" && value.TryGetProperty("message", out var m)
                        && m.GetString() is { } message && message.Contains("index", StringComparison.Ordinal))
                        indexed.TrySetResult();
                });
            using var reference = await LlamaServerProcess.StartAsync(binary, modelPath, ctx, Environment.ProcessorCount, ngl, ct);
            await indexed.Task.WaitAsync(TimeSpan.FromMinutes(10), ct);
            log.WriteLine("workspace indexed; replaying the trace");

            var report = await TraceComparison.RunAsync(llamaCode, reference, new Uri(path).AbsoluteUri, document, trace, max, log, ct);
            await llamaCode.ShutdownAsync();

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report.ToJson(), CliErrors.JsonOptions));
                return 0;
            }
            Console.Out.WriteLine($"model: {Path.GetFileName(modelPath)}; workspace {Path.GetFileName(root.TrimEnd('/'))}, file {relative}; {trace.Count} keystrokes, {max} tokens each; llama-server --cache-reuse 256, llama.vscode's /infill");
            Console.Out.WriteLine();
            Console.Out.Write(report.ToTable());
            return 0;
        });
        return command;
    }

    /// <summary>The workspace's C# file (under 100k characters) with the most methods a trace can follow; ties go to the first path.</summary>
    private static string? PickFile(WorkspaceFiles files) =>
        files.EnumerateRelativePaths()
            .Where(p => p.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(p => (Path: p, Text: TextFile.TryRead(files.TryResolve(p)!, 100_000, out var text) == SkipReason.None ? text : null))
            .Where(f => f.Text is not null)
            .Select(f => (f.Path, Methods: EditorTrace.Methods(f.Text!).Count))
            .OrderByDescending(f => f.Methods)
            .Select(f => f.Path)
            .FirstOrDefault();
}
