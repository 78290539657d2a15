using System.CommandLine;
using LlamaCode.Completion;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench best-of-n`: the decode cost of n candidates per completion, which decides whether re-ranking them pays.</summary>
internal static class BenchBestOfNCommand
{
    public static Command Build()
    {
        var command = new Command("best-of-n", "Decode cost of n sampled candidates per completion: sampled in turn today, and one batched step of n tokens (what sharing the prompt's KV across n sequences would cost per step).");
        var model = CommonOptions.Model("GGUF model file. Without it, the generated small model (~150M parameters) is used.");
        var document = new Option<FileInfo?>("--document") { Description = "The file completed in (default: samples/bench/TypingTraceDocument.cs.txt)." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens per candidate.", DefaultValueFactory = _ => 32 };
        var counts = new Option<int[]>("--n") { Description = "Candidate counts to measure (repeatable).", DefaultValueFactory = _ => [1, 2, 4], AllowMultipleArgumentsPerToken = true };
        var gpuLayers = CommonOptions.GpuLayers();
        var contextSize = CommonOptions.ContextSize();
        foreach (var o in new Option[] { model, document, maxTokens, counts, gpuLayers, contextSize }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var docFile = parse.GetValue(document) ?? new FileInfo(BenchCommand.DefaultDocument());
            if (!docFile.Exists) return CliErrors.Usage($"no such document: {docFile.FullName}");
            var n = parse.GetValue(counts)!.Distinct().ToArray();
            if (n.Any(k => k < 1)) return CliErrors.Usage("--n must be at least 1");
            var modelPath = DemoModel.Resolve(parse.GetValue(model), DevModelSize.Small, Console.Error);
            var settings = new LocalEngineSettings { GpuLayers = parse.GetValue(gpuLayers), ContextSize = parse.GetValue(contextSize) };
            var report = await BestOfNBenchmark.RunAsync(modelPath, settings, await File.ReadAllTextAsync(docFile.FullName, ct),
                parse.GetValue(maxTokens), n, Console.Error, ct);
            Console.Out.Write(report.ToTable());
            return 0;
        });
        return command;
    }
}
