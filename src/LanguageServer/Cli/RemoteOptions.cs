using System.CommandLine;
using LlamaCode.Completion.Backends.Remote;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>
/// --backend, --endpoint, --api-key-env and --remote-model, shared by complete, explain, review and serve. With a
/// remote backend, --model names a local copy of the server's GGUF, whose vocabulary makes the prompts exact.
/// </summary>
internal sealed class RemoteOptions
{
    public Option<string> Backend { get; } = new("--backend")
    {
        Description = "Where generation runs: local (in this process, the default), llama-server, openai (vLLM, SGLang, llama-server's /v1) or ollama.",
        DefaultValueFactory = _ => "local",
    };
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "The inference server's URL (default: llama-server http://127.0.0.1:8080, openai http://127.0.0.1:8000, ollama http://127.0.0.1:11434)." };
    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Name of the environment variable holding the server's bearer token (the token itself is never printed)." };
    public Option<string?> RemoteModel { get; } = new("--remote-model") { Description = "The model's name on the server (openai and ollama need it)." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Backend, Endpoint, ApiKeyEnv, RemoteModel }) command.Options.Add(o);
    }

    /// <summary>The remote settings the options give, or null for the local backend; throws <see cref="ArgumentException"/> on a bad value.</summary>
    public RemoteSettings? Resolve(ParseResult parse, string? vocabularyPath, int contextSize) =>
        RemoteSettings.ParseBackend(parse.GetValue(Backend) ?? "local") is { } api
            ? new RemoteSettings(api, parse.GetValue(Endpoint) is { } url ? RemoteSettings.ParseEndpoint(url) : RemoteSettings.DefaultEndpoint(api))
            {
                ApiKeyEnv = parse.GetValue(ApiKeyEnv), Model = parse.GetValue(RemoteModel), VocabularyPath = vocabularyPath, ContextSize = contextSize,
            }
            : null;

    /// <summary>
    /// Where a command's generation runs: the remote settings (null for local) and the model path (required for the
    /// local backend; for a remote one, an optional local copy lending its vocabulary). False after a one-line reason
    /// on stderr (the command exits with <see cref="CliErrors.BadUsage"/>).
    /// </summary>
    public bool TryChoose(ParseResult parse, FileInfo? model, int contextSize, out RemoteSettings? remote, out string? modelPath)
    {
        modelPath = null;
        try { remote = Resolve(parse, model?.FullName, contextSize); }
        catch (ArgumentException e)
        {
            remote = null;
            CliErrors.Usage(e.Message);
            return false;
        }
        modelPath = remote is null ? CommonOptions.RequireModel(model) : model?.FullName;
        return remote is not null || modelPath is not null;
    }
}
