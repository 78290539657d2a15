using System.CommandLine;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;
using LlamaCode.ModelGenerator.Hostile;

namespace LlamaCode.DevTools.Cli;

/// <summary>`llamacode-dev make-model`, `model-path` and `hostile-corpus`: the generated GGUF files of the tests and benchmarks.</summary>
internal static class ModelCommands
{
    public static IEnumerable<Command> Build() => [MakeModelCommand(), ModelPathCommand(), HostileCorpusCommand()];

    private static Command MakeModelCommand()
    {
        var makeModel = new Command("make-model", "Write a llama-architecture GGUF with random weights and a synthetic Code Llama-style vocabulary (with FIM tokens), for tests and benchmarks.");
        var output = new Option<FileInfo>("--out", "-o") { Description = "File to write.", Required = true };
        var size = new Option<DevModelSize>("--size") { Description = "tiny (a few MB, tests), small (~100-200M parameters, benchmarks) or medium (~1B).", DefaultValueFactory = _ => DevModelSize.Tiny };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 0 };
        var family = new Option<DevModelFamily>("--family") { Description = "Whose vocabulary layout and FIM tokens to copy; other families than CodeLlama are tiny only.", DefaultValueFactory = _ => DevModelFamily.CodeLlama };
        var fimIds = new Option<FimTokenIds>("--fim-ids") { Description = "InMetadata (fim_*_token_id keys) or ByTokenText (llama.cpp finds them by text); with --family.", DefaultValueFactory = _ => FimTokenIds.ByTokenText };
        foreach (var o in new Option[] { output, size, seed, family, fimIds }) makeModel.Options.Add(o);
        makeModel.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            file.Directory?.Create();
            if (parse.GetValue(family) == DevModelFamily.CodeLlama)
                DevModelGenerator.Write(file.FullName, parse.GetValue(size), parse.GetValue(seed));
            else if (parse.GetValue(size) != DevModelSize.Tiny)
                return CliErrors.Usage("only the tiny size exists for other families than CodeLlama");
            else
                DevModelGenerator.Write(file.FullName, parse.GetValue(family), parse.GetValue(fimIds), parse.GetValue(seed));
            Console.Out.WriteLine($"wrote {file.FullName} ({new FileInfo(file.FullName).Length / 1_048_576.0:F1} MiB)");
            return 0;
        });
        return makeModel;
    }

    private static Command ModelPathCommand()
    {
        var modelPath = new Command("model-path", "Print the path of the cached generated model of a size, generating it first if needed.");
        var pathSize = new Option<DevModelSize>("--size") { Description = "tiny, small or medium.", DefaultValueFactory = _ => DevModelSize.Tiny };
        modelPath.Options.Add(pathSize);
        modelPath.SetAction(parse =>
        {
            Console.Out.WriteLine(DevModels.GetOrCreate(parse.GetValue(pathSize)));
            return 0;
        });
        return modelPath;
    }

    private static Command HostileCorpusCommand()
    {
        var command = new Command("hostile-corpus", "Write the hostile GGUF corpus (broken headers, metadata, tensor infos, hyper-parameters, tokenizers, weights, sizes, and valid controls) into a folder, with an index.");
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder to write into.", Required = true };
        var only = new Option<string[]>("--case") { Description = "Only the cases with these names (repeatable).", AllowMultipleArgumentsPerToken = true };
        command.Options.Add(output);
        command.Options.Add(only);
        command.SetAction(parse =>
        {
            var names = parse.GetValue(only) ?? [];
            var paths = HostileCorpus.WriteAll(parse.GetValue(output)!.FullName, c => names.Length == 0 || names.Contains(c.Name));
            foreach (var (c, path) in paths)
                Console.Out.WriteLine($"{c.Name}\t{c.Class}\t{(c.MustLoad ? "must-load" : "must-refuse")}\t{c.What}");
            return 0;
        });
        return command;
    }
}
