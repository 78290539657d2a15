using System.CommandLine;
using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Documents;
using LlamaCode.Completion.Explain;
using LlamaCode.Engine.Inference;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>`llamacode explain`: explains a range of a file, streaming the text to stdout as it is generated.</summary>
internal static class ExplainCommand
{
    public static Command Build()
    {
        var command = new Command("explain", "Explain a range of a file with an instruction prompt; the text streams to stdout.");
        var model = CommonOptions.Model("GGUF model file, ideally an instruct model (codellama-7b-instruct). `llamacode models` lists those on this machine.");
        var file = new Option<FileInfo>("--file", "-f") { Description = "The source file.", Required = true };
        var range = new Option<string>("--range", "-r") { Description = "L1:C1-L2:C2, 1-based lines and columns as editors show them (columns in UTF-16 code units).", Required = true };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate.", DefaultValueFactory = _ => 512 };
        var gpuLayers = CommonOptions.GpuLayers();
        var contextSize = CommonOptions.ContextSize();
        foreach (var o in new Option[] { model, file, range, maxTokens, gpuLayers, contextSize }) command.Options.Add(o);
        var remoteOptions = new RemoteOptions();
        remoteOptions.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            if (!remoteOptions.TryChoose(parse, parse.GetValue(model), parse.GetValue(contextSize), out var remote, out var modelPath)) return CliErrors.BadUsage;
            var path = parse.GetValue(file)!;
            if (!path.Exists) return CliErrors.Usage($"no such file: {path.FullName}");
            if (CliRange.Parse(parse.GetValue(range)!) is not var ((l1, c1), (l2, c2)))
                return CliErrors.Usage($"--range must look like 3:5-7:1 (got '{parse.GetValue(range)}')");
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            var start = TextPositions.TryOffset(text, l1 - 1, c1 - 1);
            var end = TextPositions.TryOffset(text, l2 - 1, c2 - 1);
            if (start is null || end is null || end <= start) return CliErrors.Usage($"{path.Name} has no non-empty range {parse.GetValue(range)}");

            await using var service = await CliErrors.TryLoadAsync(modelPath,
                new LocalEngineSettings { GpuLayers = parse.GetValue(gpuLayers), ContextSize = parse.GetValue(contextSize), Slots = 1 }, remote, ct);
            if (service is null) return CliErrors.UnusableModel;
            var written = 0;
            ExplainResult result;
            try
            {
                result = await service.ExplainAsync(new ExplainRequest(path.FullName, text, start.Value, end.Value, parse.GetValue(maxTokens)), soFar =>
            {
                Console.Out.Write(soFar[written..]);
                Console.Out.Flush();
                written = soFar.Length;
            }, ct);
            }
            catch (ModelUnusableException e)
            {
                return CliErrors.Unusable(modelPath ?? "the model", e);
            }
            catch (RemoteBackendException e)
            {
                return CliErrors.Remote(e);
            }
            Console.Out.WriteLine();
            if (result.Stats is { } s) Console.Error.WriteLine($"prompt {s.PromptTokens} tokens, generated {s.GeneratedTokens}, total {s.TotalMs:F0} ms");
            return 0;
        });
        return command;
    }
}

/// <summary>Parses "L1:C1-L2:C2" (1-based).</summary>
public static class CliRange
{
    public static ((int Line, int Column) Start, (int Line, int Column) End)? Parse(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2 || Point(parts[0]) is not { } a || Point(parts[1]) is not { } b) return null;
        return (a, b);

        static (int, int)? Point(string p) =>
            p.Split(':') is [var l, var c] && int.TryParse(l, out var line) && int.TryParse(c, out var column) && line >= 1 && column >= 1
                ? (line, column) : null;
    }
}
