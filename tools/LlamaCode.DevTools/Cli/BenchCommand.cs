using System.CommandLine;
using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench …`: benchmarks that print tables (recorded in docs/benchmarks.md).</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var bench = new Command("bench", "Benchmarks.");
        var engine = new Command("engine", "Replay a typing trace over a ~3k-token file: cold vs warm time to first token, share of prompt tokens served from the KV cache, decode speed.");
        var model = CommonOptions.Model("GGUF model file. Without it, the generated small model (~150M parameters) is used.");
        var json = new Option<bool>("--json") { Description = "Print one JSON object (version 1) instead of tables." };
        var document = new Option<FileInfo?>("--document") { Description = "The file typed into (default: samples/bench/TypingTraceDocument.cs.txt)." };
        var targetTokens = new Option<int>("--target-tokens") { Description = "Cut the document to about this many tokens.", DefaultValueFactory = _ => 3000 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens generated per keystroke.", DefaultValueFactory = _ => 8 };
        var layouts = new Option<FimLayout[]>("--layout") { Description = "Layouts to measure (repeatable).", DefaultValueFactory = _ => [FimLayout.Spm, FimLayout.Psm], AllowMultipleArgumentsPerToken = true };
        var gpuLayers = CommonOptions.GpuLayers();
        var contextSize = CommonOptions.ContextSize();
        foreach (var o in new Option[] { model, json, document, targetTokens, maxTokens, layouts, gpuLayers, contextSize }) engine.Options.Add(o);

        engine.SetAction(async (parse, ct) =>
        {
            var docFile = parse.GetValue(document) ?? new FileInfo(DefaultDocument());
            if (!docFile.Exists) return CliErrors.Usage($"no such document: {docFile.FullName}");
            var modelPath = DemoModel.Resolve(parse.GetValue(model), DevModelSize.Small, Console.Error);
            var settings = new LocalEngineSettings { GpuLayers = parse.GetValue(gpuLayers), ContextSize = parse.GetValue(contextSize), Slots = 4 };
            var report = await EngineBenchmark.RunAsync(modelPath, settings, await File.ReadAllTextAsync(docFile.FullName, ct),
                parse.GetValue(targetTokens), parse.GetValue(maxTokens), parse.GetValue(layouts)!, Console.Error, ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(report.ToJson(), CliErrors.JsonOptions));
            else Console.Out.Write(report.ToTables());
            return 0;
        });
        bench.Subcommands.Add(engine);
        bench.Subcommands.Add(BenchServerCommand.Build());
        bench.Subcommands.Add(BenchTraceCommand.Build());
        bench.Subcommands.Add(BenchContextCommand.Build());
        bench.Subcommands.Add(BenchSyntaxCheckCommand.Build());
        bench.Subcommands.Add(BenchBestOfNCommand.Build());
        bench.Subcommands.Add(BenchModelLoadCommand.Build());
        bench.Subcommands.Add(BenchFuzzCommand.Build());
        bench.Subcommands.Add(BenchScaleCommand.Build());
        bench.Subcommands.Add(BenchRemoteCommand.Build());
        return bench;
    }

    /// <summary>The document both benchmarks type into.</summary>
    public static string DefaultDocument() =>
        Path.Combine(DevModels.RepositoryRoot() ?? Directory.GetCurrentDirectory(), "samples", "bench", "TypingTraceDocument.cs.txt");
}
