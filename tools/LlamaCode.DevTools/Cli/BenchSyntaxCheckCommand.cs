using System.CommandLine;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench syntax-check`: the cost of the C# speculative parse of a completion, incremental vs full.</summary>
internal static class BenchSyntaxCheckCommand
{
    public static Command Build()
    {
        var command = new Command("syntax-check", "Cost of the C# syntax check of a completion (speculative Roslyn parse), incremental vs full, per document.");
        var documents = new Option<FileInfo[]>("--document") { Description = "C# files to measure on (repeatable; default: samples/bench/TypingTraceDocument.cs.txt).", AllowMultipleArgumentsPerToken = true };
        var cursors = new Option<int>("--cursors") { Description = "Statements per document where a completion is checked.", DefaultValueFactory = _ => 20 };
        command.Options.Add(documents);
        command.Options.Add(cursors);
        command.SetAction(async (parse, ct) =>
        {
            var files = parse.GetValue(documents) is { Length: > 0 } given ? given : [new FileInfo(BenchCommand.DefaultDocument())];
            if (files.FirstOrDefault(f => !f.Exists) is { } missing) return CliErrors.Usage($"no such document: {missing.FullName}");
            var results = new List<SyntaxCheckResult>();
            foreach (var file in files)
                results.AddRange(SyntaxCheckBenchmark.Run(file.Name, await File.ReadAllTextAsync(file.FullName, ct), parse.GetValue(cursors)));
            Console.Out.Write(SyntaxCheckBenchmark.Table(results));
            return 0;
        });
        return command;
    }
}
