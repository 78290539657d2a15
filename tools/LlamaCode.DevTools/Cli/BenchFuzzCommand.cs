using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.DevTools.Bench.Fuzz;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench fuzz`: seeded hostile and valid LSP traffic against a real `llamacode serve` (issue 13).</summary>
internal static class BenchFuzzCommand
{
    public static Command Build()
    {
        var command = new Command("fuzz", "Send a seeded mix of valid and hostile well-framed LSP messages to a `llamacode serve` child process: crashes, unanswered requests, duplicate answers, answer latency, memory.");
        var model = CommonOptions.Model("GGUF model file. Without it, the generated tiny model is used.");
        var seed = new Option<int>("--seed") { Description = "Seed of the message script.", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Messages to send (about).", DefaultValueFactory = _ => 10_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (version 1)." };
        foreach (var o in new Option[] { model, seed, count, json }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var modelPath = DemoModel.Resolve(parse.GetValue(model), DevModelSize.Tiny, Console.Error);
            var steps = FuzzGenerator.Build(parse.GetValue(seed), parse.GetValue(count));
            var report = await FuzzDriver.RunAsync(LlamaCodeExecutable.Path, modelPath, parse.GetValue(seed), steps, progress: Console.Error.WriteLine);
            foreach (var finding in report.Findings.Take(50)) Console.Error.WriteLine(finding);
            if (report.CrashDetail is { } crash) Console.Error.WriteLine(crash);
            if (report.OutputProblem is { } problem) Console.Error.WriteLine(problem);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    version = 1, report.Seed, report.Messages, requests = report.Owed, report.Answered, report.Unanswered, report.Duplicates, report.Crashes,
                    report.ExitCode, p50Ms = report.Percentile(0.5), p95Ms = report.Percentile(0.95),
                    residentAfterWarmUpBytes = report.ResidentAfterWarmUp, residentAtEndBytes = report.ResidentAtEnd, seconds = report.Duration.TotalSeconds,
                }, CliErrors.JsonOptions));
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(c, $"model: {Path.GetFileName(modelPath)}; seed {report.Seed}, {report.Messages} messages in {report.Duration.TotalSeconds:F0} s"));
                Console.Out.WriteLine();
                Console.Out.WriteLine("| messages | owed answers | crashes | unanswered | duplicate answers | exit code | answer p50 ms | p95 ms | RSS after warm-up → end |");
                Console.Out.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
                Console.Out.WriteLine(string.Create(c,
                    $"| {report.Messages} | {report.Owed} | {report.Crashes} | {report.Unanswered} | {report.Duplicates} | {report.ExitCode?.ToString(c) ?? "none"} | {report.Percentile(0.5):F0} | {report.Percentile(0.95):F0} | {report.ResidentAfterWarmUp >> 20} → {report.ResidentAtEnd >> 20} MiB ({(double)report.ResidentAtEnd / report.ResidentAfterWarmUp - 1:+0.0%;-0.0%}) |"));
            }
            return report.Clean ? 0 : 1;
        });
        return command;
    }
}
