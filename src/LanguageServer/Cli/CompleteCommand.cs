using System.CommandLine;
using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Documents;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Workspace;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Inference;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>`llamacode complete`: the completion at one cursor of a file, computed by the Completion layer directly.</summary>
internal static class CompleteCommand
{
    public static Command Build()
    {
        var command = new Command("complete", "Print the completion at a cursor of a file.");
        var model = CommonOptions.Model();
        var file = new Option<FileInfo>("--file", "-f") { Description = "The source file.", Required = true };
        var line = new Option<int>("--line", "-l") { Description = "Line of the cursor, 1-based (as editors show it).", Required = true };
        var character = new Option<int>("--character", "-c") { Description = "Column of the cursor, 1-based, in UTF-16 code units.", Required = true };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens to generate.", DefaultValueFactory = _ => 64 };
        var layout = new Option<FimLayout>("--layout") { Description = "Fill-in-the-middle layout: Psm or Spm.", DefaultValueFactory = _ => FimLayout.Spm };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (version 1) with the completion and its stats." };
        var gpuLayers = CommonOptions.GpuLayers();
        var contextSize = CommonOptions.ContextSize();
        var workspace = new Option<DirectoryInfo?>("--workspace", "-w") { Description = "Workspace folder for context from other files (symbol stubs, snippets); without it, the file alone." };
        var contextTokens = new Option<int>("--context-tokens") { Description = "Most prompt tokens for context from other files (0 = none).", DefaultValueFactory = _ => 2048 };
        var projectLoader = CommonOptions.ProjectLoader();
        foreach (var o in new Option[] { model, file, line, character, maxTokens, layout, json, gpuLayers, contextSize, workspace, contextTokens, projectLoader }) command.Options.Add(o);
        var remoteOptions = new RemoteOptions();
        remoteOptions.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            if (!remoteOptions.TryChoose(parse, parse.GetValue(model), parse.GetValue(contextSize), out var remote, out var modelPath)) return CliErrors.BadUsage;
            var path = parse.GetValue(file)!;
            if (!path.Exists) return CliErrors.Usage($"no such file: {path.FullName}");
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            var offset = TextPositions.TryOffset(text, parse.GetValue(line) - 1, parse.GetValue(character) - 1);
            if (offset is null) return CliErrors.Usage($"{path.Name} has no line {parse.GetValue(line)}, column {parse.GetValue(character)}");

            await using var service = await CliErrors.TryLoadAsync(modelPath,
                new LocalEngineSettings { GpuLayers = parse.GetValue(gpuLayers), ContextSize = parse.GetValue(contextSize), Slots = 1 }, remote, ct);
            if (service is null) return CliErrors.UnusableModel;
            var request = new CompletionRequest(path.FullName, text, offset.Value,
                new CompletionOptions { MaxTokens = parse.GetValue(maxTokens), Layout = parse.GetValue(layout), MaxContextTokens = parse.GetValue(contextTokens), PrefillTarget = TimeSpan.Zero }); // one request: nothing comes next to prefill for
            var root = parse.GetValue(workspace)?.FullName;
            if (root is not null && parse.GetValue(contextTokens) > 0)
            {
                if (!Directory.Exists(root)) return CliErrors.Usage($"no such folder: {root}");
                var files = new WorkspaceFiles(root);
                if (files.ToRelative(path.FullName) is not { } relative) return CliErrors.Usage($"{path.FullName} is not inside the workspace {root}");
                var context = await WorkspaceContext.LoadAsync(files, CommonOptions.CSharpLoading(parse.GetValue(projectLoader)), null, ct, IndexCache.DefaultPathFor(files.Root));
                request = request with { Context = context.Default, WorkspacePath = relative };
            }
            CompletionResult result;
            try
            {
                result = await service.CompleteAsync(request, ct);
            }
            catch (ModelUnusableException e)
            {
                return CliErrors.Unusable(modelPath ?? "the model", e);
            }
            catch (RemoteBackendException e)
            {
                return CliErrors.Remote(e);
            }

            if (parse.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(new { version = 1, completion = result.InsertText, stats = result.Stats }, CliErrors.JsonOptions));
            else
            {
                Console.Out.WriteLine(result.InsertText);
                if (result.Stats is { } s)
                    Console.Error.WriteLine($"prompt {s.PromptTokens} tokens, generated {s.GeneratedTokens}, first token after {s.TimeToFirstTokenMs:F0} ms, total {s.TotalMs:F0} ms");
            }
            return 0;
        });
        return command;
    }
}
