using System.CommandLine;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev bench model-load`: what the managed checks and the first-load probe add to loading a model.</summary>
internal static class BenchModelLoadCommand
{
    public static Command Build()
    {
        var command = new Command("model-load", "Load time of a model without the first-load probe, with it (the child runs), and with its verdict cached; generated models by default.");
        var models = new Option<FileInfo[]>("--model", "-m") { Description = "GGUF files to measure (repeatable); default: the generated small and medium models.", AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per model (medians are printed).", DefaultValueFactory = _ => 3 };
        command.Options.Add(models);
        command.Options.Add(rounds);
        command.SetAction(async (parse, ct) =>
        {
            var files = parse.GetValue(models) is { Length: > 0 } given
                ? given.Select(f => (f.Name, f.FullName)).ToList()
                : [("generated small", DevModels.GetOrCreate(DevModelSize.Small)), ("generated medium", DevModels.GetOrCreate(DevModelSize.Medium))];
            if (files.FirstOrDefault(f => !File.Exists(f.FullName)) is { FullName: not null } missing)
                return CliErrors.Usage($"no such model: {missing.FullName}");
            var rows = new List<ModelLoadRow>();
            foreach (var (name, path) in files)
                rows.Add(await ModelLoadBenchmark.RunAsync(name, path, parse.GetValue(rounds), Console.Error, ct));
            Console.Out.Write(ModelLoadBenchmark.Table(rows));
            return 0;
        });
        return command;
    }
}
