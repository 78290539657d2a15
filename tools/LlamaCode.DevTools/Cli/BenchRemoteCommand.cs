using System.CommandLine;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench remote`: editors typing at once against one inference server.</summary>
internal static class BenchRemoteCommand
{
    public static Command Build()
    {
        var command = new Command("remote", "Simulated editors (each its own `llamacode serve` and LSP client) typing at once against one running llama-server: keystroke → answer p50/p95, server-side cached share, and what LlamaCode adds over the server's own reported time.");
        var endpoint = new Option<string>("--endpoint") { Description = "The llama-server to load (start it with -np for the slots).", Required = true };
        var model = CommonOptions.Model("Local copy of the server's GGUF, loaded vocabulary-only for exact prompts (optional).");
        var editors = new Option<int[]>("--editors") { Description = "Editor counts to run, one after the other.", DefaultValueFactory = _ => [1, 8], AllowMultipleArgumentsPerToken = true };
        var keystrokes = new Option<int>("--keystrokes") { Description = "Keystrokes per editor.", DefaultValueFactory = _ => 40 };
        var warmup = new Option<int>("--warmup") { Description = "Keystrokes per editor typed first and not measured (a fresh process compiles its code paths on them).", DefaultValueFactory = _ => 2 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens generated per keystroke.", DefaultValueFactory = _ => 16 };
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "Tokens each prompt may use (the contextTokenBudget setting).", DefaultValueFactory = _ => 1024 };
        foreach (var o in new Option[] { endpoint, model, editors, keystrokes, warmup, maxTokens, promptTokens }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var document = await File.ReadAllTextAsync(BenchCommand.DefaultDocument(), ct);
            var settings = new { backend = "llama-server", endpoint = parse.GetValue(endpoint), maxTokens = parse.GetValue(maxTokens), contextTokenBudget = parse.GetValue(promptTokens), loadWaitMs = 600_000 };
            var rows = new List<RemoteLoadRow>();
            foreach (var n in parse.GetValue(editors)!)
                rows.Add(await RemoteLoadBenchmark.RunAsync(LlamaCodeExecutable.Path, parse.GetValue(model)?.FullName, settings, document, n, parse.GetValue(keystrokes), Console.Error, ct, Math.Max(0, parse.GetValue(warmup))));
            Console.Out.Write(RemoteLoadBenchmark.ToTable(rows));
            return 0;
        });
        return command;
    }
}
