using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench server`: the stress trace against a real `llamacode serve`, as an editor drives it.</summary>
internal static class BenchServerCommand
{
    public static Command Build()
    {
        var command = new Command("server", "Replay the stress trace (typing, deleting, jumps, pastes, cancelled and overlapping requests) against a `llamacode serve` child process: keystroke → answer p50/p95, outcomes, cached token share, memory.");
        var model = CommonOptions.Model("GGUF model file. Without it, the generated small model is used.");
        var requests = new Option<int>("--requests") { Description = "Inline requests in the trace.", DefaultValueFactory = _ => 1000 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens generated per request.", DefaultValueFactory = _ => 16 };
        var seed = new Option<int>("--seed") { Description = "Seed of the trace.", DefaultValueFactory = _ => 7 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (version 1)." };
        foreach (var o in new Option[] { model, requests, maxTokens, seed, json }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var modelPath = DemoModel.Resolve(parse.GetValue(model), DevModelSize.Small, Console.Error);
            var document = await File.ReadAllTextAsync(BenchCommand.DefaultDocument(), ct);
            var steps = StressTrace.Build(document, parse.GetValue(requests), parse.GetValue(seed));
            using var server = await ServerProcess.StartAsync(LlamaCodeExecutable.Path, modelPath, new { maxTokens = parse.GetValue(maxTokens), loadWaitMs = 600_000 });
            var report = await StressDriver.RunAsync(server, "file:///bench/TypingTraceDocument.cs", document, steps, TimeSpan.FromMinutes(5),
                i => { if ((i + 1) % 100 == 0) Console.Error.WriteLine($"{i + 1} requests, server RSS {server.ResidentBytes() >> 20} MiB"); });
            var stats = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats", cancellationToken: ct);
            var served = stats.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("source").GetString() == "model").ToArray();
            double prompt = served.Sum(r => r.GetProperty("promptTokens").GetInt32()), cached = served.Sum(r => r.GetProperty("cachedTokens").GetInt32());
            var fromMemory = stats.GetProperty("requests").EnumerateArray().Count(r => r.GetProperty("source").GetString() == "typing-through");
            await server.ShutdownAsync();

            var c = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    version = 1, requests = report.Outcomes.Count, p50Ms = report.Percentile(0.5), p95Ms = report.Percentile(0.95),
                    outcomes = Enum.GetValues<StressOutcomeKind>().ToDictionary(k => k.ToString(), report.Count),
                    cachedTokenFraction = cached / prompt, typingThrough = fromMemory,
                    residentAtHalfBytes = report.ResidentAtHalf, residentAfterBytes = report.ResidentAfter,
                }, CliErrors.JsonOptions));
                return 0;
            }
            Console.Out.WriteLine(string.Create(c, $"model: {Path.GetFileName(modelPath)}; {report.Outcomes.Count} requests, seed {parse.GetValue(seed)}"));
            Console.Out.WriteLine();
            Console.Out.WriteLine("| keystroke → answer p50 ms | p95 ms | answered | cancelled by client | superseded | content modified | errors | unanswered | cached share (llamacode/stats) | typing-through answers | RSS at half → end |");
            Console.Out.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            Console.Out.WriteLine(string.Create(c,
                $"| {report.Percentile(0.5):F0} | {report.Percentile(0.95):F0} | {report.Count(StressOutcomeKind.Answered)} | {report.Count(StressOutcomeKind.CancelledByClient)} | {report.Count(StressOutcomeKind.Superseded)} | {report.Count(StressOutcomeKind.ContentModified)} | {report.Count(StressOutcomeKind.Error)} | {report.Count(StressOutcomeKind.Unanswered)} | {cached / prompt:P1} | {fromMemory} | {report.ResidentAtHalf >> 20} → {report.ResidentAfter >> 20} MiB |"));
            return 0;
        });
        return command;
    }
}
