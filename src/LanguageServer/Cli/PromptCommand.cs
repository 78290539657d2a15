using System.CommandLine;
using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Documents;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Workspace;
using LlamaCode.Engine.Model;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>
/// `llamacode prompt`: the completion prompt for each request of a JSONL file, built by the same code as the
/// server's (workspace context + FIM prompt builder), one JSON line per request, in order.
/// </summary>
internal static class PromptCommand
{
    /// <summary>A request line: the document as the editor has it and a 0-based cursor (UTF-16 columns).</summary>
    private sealed record PromptRequestLine(string? File, int? Line, int? Character, string? Text);

    public static Command Build()
    {
        var command = new Command("prompt", "Print the completion prompt, as segments with their paths, for each request of a JSONL file.");
        var workspace = new Option<DirectoryInfo>("--workspace", "-w") { Description = "The workspace folder (indexed once).", Required = true };
        var requests = new Option<string>("--requests") { Description = """JSONL, one request per line: {"file": "relative/path.cs", "line": N, "character": N, "text": "..."} (0-based, UTF-16 columns); "-" reads stdin.""", Required = true };
        var contextTokens = new Option<int>("--context-tokens") { Description = "Token budget for everything not from the current document.", DefaultValueFactory = _ => 2048 };
        var documentTokens = new Option<int>("--document-tokens") { Description = "Token budget for the current document (prefix and suffix).", DefaultValueFactory = _ => 2048 };
        var layout = new Option<FimLayout>("--layout") { Description = "FIM layout.", DefaultValueFactory = _ => FimLayout.Spm };
        var model = new Option<FileInfo?>("--model", "-m") { Description = "Count tokens with this GGUF model's tokenizer (without it: 4 characters per token)." };
        var projectLoader = CommonOptions.ProjectLoader();
        foreach (var o in new Option[] { workspace, requests, contextTokens, documentTokens, layout, model, projectLoader }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(workspace)!;
            if (!dir.Exists) return CliErrors.Usage($"no such folder: {dir.FullName}");
            var requestFile = parse.GetValue(requests)!;
            bool stdin = requestFile == "-";
            if (!stdin && !File.Exists(requestFile)) return CliErrors.Usage($"no such file: {Path.GetFullPath(requestFile)}");
            if (parse.GetValue(contextTokens) < 0 || parse.GetValue(documentTokens) < 1) return CliErrors.Usage("token budgets must be positive");

            LlamaModel? loaded = null;
            if (parse.GetValue(model) is { } modelFile)
            {
                if (!modelFile.Exists) return CliErrors.Usage($"no such model file: {modelFile.FullName}");
                loaded = LlamaModel.Load(modelFile.FullName);
            }
            using var _ = loaded;
            ITokenizer tokenizer = loaded is null ? new ApproximateTokenizer() : loaded;

            var files = new WorkspaceFiles(dir.FullName);
            var context = await WorkspaceContext.LoadAsync(files, CommonOptions.CSharpLoading(parse.GetValue(projectLoader)), new Progress<WorkspaceLoadProgress>(p =>
            {
                if (p.Done == p.Total) Console.Error.WriteLine($"{p.Stage}: {p.Done}/{p.Total}");
            }), ct, IndexCache.DefaultPathFor(files.Root));
            var composer = new PromptComposer(tokenizer, context.Default);
            var budget = TokenBudget.ForDocumentAndContext(parse.GetValue(documentTokens), parse.GetValue(contextTokens));

            using var reader = stdin ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(requestFile);
            int lineNumber = 0;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                object output;
                try
                {
                    var query = ToQuery(line, files);
                    var prompt = await composer.ComposeAsync(query, parse.GetValue(layout), budget, ct);
                    output = new
                    {
                        version = 1,
                        prompt = prompt.Text,
                        promptTokens = prompt.Fim.Tokens.Length,
                        segments = prompt.Segments.Select(s => new { kind = s.Kind, path = s.Path, text = s.Text }),
                    };
                }
                catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
                {
                    output = new { version = 1, error = $"request line {lineNumber}: {e.Message}" };
                }
                Console.Out.WriteLine(JsonSerializer.Serialize(output, CliErrors.JsonOptions));
            }
            return 0;
        });
        return command;
    }

    private static ContextQuery ToQuery(string line, WorkspaceFiles files)
    {
        var request = JsonSerializer.Deserialize<PromptRequestLine>(line, CliErrors.JsonOptions)
            ?? throw new FormatException("the line is not a JSON object");
        if (request.File is null || request.Text is null || request.Line is null || request.Character is null)
            throw new FormatException("a request needs \"file\", \"line\", \"character\" and \"text\"");
        if (files.TryResolve(request.File) is null) throw new FormatException($"\"{request.File}\" is not a path inside the workspace");
        var offset = TextPositions.TryOffset(request.Text, request.Line.Value, request.Character.Value)
            ?? throw new FormatException($"position {request.Line}:{request.Character} is outside the document");
        return new ContextQuery(request.File.Replace('\\', '/'), request.Text, offset);
    }
}
