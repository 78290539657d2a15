using System.Text.Json;
using LlamaCode.Completion.Models;
using LlamaCode.LanguageServer.Handlers;
using LlamaCode.LanguageServer.Server;
using LlamaCode.LanguageServer.Tests.Server;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Cli;

/// <summary>`llamacode models` and the `llamacode/models` request on a home folder with an Ollama store and a hub cache.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "llamacode-models-" + Guid.NewGuid().ToString("N"));
    private const string Digest = "5555555555555555555555555555555555555555555555555555555555555555";

    public ModelsCommandTests()
    {
        var blobs = Directory.CreateDirectory(Path.Combine(_home, ".ollama", "models", "blobs")).FullName;
        File.Copy(DevModels.GetOrCreate(DevModelSize.Tiny), Path.Combine(blobs, $"sha256-{Digest}"));
        var manifest = Directory.CreateDirectory(Path.Combine(_home, ".ollama", "models", "manifests", "registry.ollama.ai", "library", "codellama")).FullName;
        File.WriteAllText(Path.Combine(manifest, "7b-code"), $$"""{"schemaVersion":2,"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:{{Digest}}","size":1}]}""");
        var hub = Directory.CreateDirectory(Path.Combine(_home, ".cache", "huggingface", "hub", "models--meta--Llama-2-7B-GGUF", "snapshots", "main")).FullName;
        File.Copy(DevModels.GetOrCreate(DevModelFamily.NoFim, FimTokenIds.InMetadata), Path.Combine(hub, "llama-2-7b.Q4_0.gguf"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Dictionary<string, string?> HomeOnly() => new()
    {
        ["HOME"] = _home, ["XDG_CACHE_HOME"] = null, ["OLLAMA_MODELS"] = null, ["LLAMA_CACHE"] = null, ["HF_HOME"] = null, ["HF_HUB_CACHE"] = null,
    };

    [Fact]
    public async Task Json_lists_each_model_with_its_store_name_and_fim_tokens_under_a_version()
    {
        var (code, stdout, _) = await CliProcess.Run(null, HomeOnly(), "models", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        var models = json.RootElement.GetProperty("models").EnumerateArray()
            .Where(m => m.GetProperty("path").GetString()!.StartsWith(_home, StringComparison.Ordinal)) // a machine-wide Ollama store may add more
            .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("store").GetString(), m.GetProperty("fim").GetBoolean()))
            .ToList();
        Assert.Equal([("codellama:7b-code", "ollama", true), ("meta/Llama-2-7B-GGUF/llama-2-7b.Q4_0.gguf", "huggingface", false)], models);
    }

    [Fact]
    public async Task The_table_marks_which_models_carry_fim_tokens()
    {
        var (code, stdout, _) = await CliProcess.Run(null, HomeOnly(), "models");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+FIM\s+SIZE\s+STORE\s+PATH$", lines[0]);
        Assert.Matches(@"^codellama:7b-code\s+yes\s+[\d.]+ GiB\s+ollama\s+/", Assert.Single(lines, l => l.StartsWith("codellama:", StringComparison.Ordinal)));
        Assert.Matches(@"^meta/Llama-2-7B-GGUF/llama-2-7b.Q4_0.gguf\s+no\s", Assert.Single(lines, l => l.StartsWith("meta/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_request_gives_the_same_list_as_the_command()
    {
        var log = new ServerLog(TextWriter.Null, null, ServerLogLevel.Debug);
        var client = new SilentClient();
        var state = new ServerState(log, client, new ModelHost(ScriptedBackend.Serving(ScriptedService.Fixed("")), client, log));
        state.Lifecycle.MarkInitialized();
        var handler = new ModelsHandler(state, () => ModelStores.Locate(_ => null, _home));

        var result = await handler.Handle(CancellationToken.None);

        Assert.Equal(1, result.Version);
        Assert.Equal(["codellama:7b-code", "meta/Llama-2-7B-GGUF/llama-2-7b.Q4_0.gguf"], result.Models.Where(m => m.Path.StartsWith(_home, StringComparison.Ordinal)).Select(m => m.Name));
    }

    private sealed class SilentClient : IClientChannel
    {
        public bool SupportsWorkDoneProgress { get; set; }
        public Task LogAsync(int type, string message) => Task.CompletedTask;
        public Task ShowAsync(int type, string message) => Task.CompletedTask;
        public Task<IWorkDoneProgress?> BeginProgressAsync(string title, string message, JsonElement? clientToken = null) => Task.FromResult<IWorkDoneProgress?>(null);
    }
}
