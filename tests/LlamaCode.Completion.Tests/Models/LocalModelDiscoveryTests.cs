using LlamaCode.Completion.Models;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests.Models;

/// <summary>
/// Discovery over the stores' real layouts, built in a temporary folder with generated models: Ollama's manifests and
/// blobs, LM Studio's publisher/repository folders, llama.cpp's cache, and the hub's snapshots that link to blobs.
/// </summary>
public sealed class LocalModelDiscoveryTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly ModelDiscoveryResult _result;

    private static readonly string CodeLlama = DevModels.GetOrCreate(DevModelSize.Tiny);
    private static readonly string Qwen = DevModels.GetOrCreate(DevModelFamily.Qwen25Coder, FimTokenIds.ByTokenText);
    private static readonly string NoFim = DevModels.GetOrCreate(DevModelFamily.NoFim, FimTokenIds.InMetadata);
    private const string CodeLlamaDigest = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string NoFimDigest = "2222222222222222222222222222222222222222222222222222222222222222";

    public LocalModelDiscoveryTests()
    {
        // Ollama: two good manifests, one broken, one naming a missing blob; a license blob that is not a model.
        Copy(CodeLlama, $".ollama/models/blobs/sha256-{CodeLlamaDigest}");
        Copy(NoFim, $".ollama/models/blobs/sha256-{NoFimDigest}");
        _home.Write(".ollama/models/blobs/sha256-3333333333333333333333333333333333333333333333333333333333333333", "MIT license");
        _home.Write(".ollama/models/manifests/registry.ollama.ai/library/codellama/7b-code", Manifest(CodeLlamaDigest));
        _home.Write(".ollama/models/manifests/registry.ollama.ai/library/llama2/latest", Manifest(NoFimDigest));
        _home.Write(".ollama/models/manifests/registry.ollama.ai/library/broken/latest", "{\"schemaVersion\":2,\"layers\":[");
        _home.Write(".ollama/models/manifests/registry.ollama.ai/library/gone/latest", Manifest("4444444444444444444444444444444444444444444444444444444444444444"));
        // LM Studio: publisher/repository/file, a split model's second part and a vision projector (not listed).
        Copy(Qwen, ".lmstudio/models/Qwen/Qwen2.5-Coder-GGUF/qwen2.5-coder-q4_k_m.gguf");
        Copy(Qwen, ".lmstudio/models/Qwen/Qwen2.5-Coder-GGUF/big-00002-of-00002.gguf");
        Copy(Qwen, ".lmstudio/models/Qwen/Qwen2.5-Coder-GGUF/mmproj-f16.gguf");
        // llama.cpp's cache: a file that only claims to be a GGUF, and a file that is not one by name.
        _home.Write(".cache/llama.cpp/truncated.gguf", "GGUF");
        _home.Write(".cache/llama.cpp/notes.txt", "not a model");
        // Hugging Face hub: two snapshots linking to the same blob (listed once).
        Copy(CodeLlama, ".cache/huggingface/hub/models--TheBloke--CodeLlama-7B-GGUF/blobs/abc");
        Link(".cache/huggingface/hub/models--TheBloke--CodeLlama-7B-GGUF/snapshots/r1/codellama-7b.Q4_K_M.gguf", "../../blobs/abc");
        Link(".cache/huggingface/hub/models--TheBloke--CodeLlama-7B-GGUF/snapshots/r2/codellama-7b.Q4_K_M.gguf", "../../blobs/abc");

        _result = LocalModelDiscovery.Discover(ModelStores.Locate(_ => null, _home.Root).Where(r => r.Path.StartsWith(_home.Root, StringComparison.Ordinal)));
    }

    public void Dispose() => _home.Dispose();

    [Theory]
    // store, the name it shows → carries FIM tokens, what the detail says
    [InlineData(ModelStoreKind.Ollama, "codellama:7b-code", true, "prefix id in tokenizer.ggml.fim_pre_token_id")]
    [InlineData(ModelStoreKind.Ollama, "llama2:latest", false, "no fill-in-the-middle prefix, suffix, middle token")]
    [InlineData(ModelStoreKind.LMStudio, "Qwen/Qwen2.5-Coder-GGUF/qwen2.5-coder-q4_k_m.gguf", true, "prefix token <|fim_prefix|>")]
    [InlineData(ModelStoreKind.LlamaCpp, "truncated.gguf", false, "truncated")]
    public void Each_model_is_listed_under_its_store_name_with_its_fim_tokens(ModelStoreKind store, string name, bool fim, string detail)
    {
        var model = Assert.Single(_result.Models, m => m.Name == name);

        Assert.Equal(store, model.Store);
        Assert.Equal(fim, model.Fim);
        Assert.Contains(detail, model.Detail);
        Assert.True(File.Exists(model.Path));
    }

    [Fact]
    public void A_hub_file_in_two_snapshots_is_listed_once_under_its_repository()
    {
        var model = Assert.Single(_result.Models, m => m.Store == ModelStoreKind.HuggingFace);

        Assert.Matches("^TheBloke/CodeLlama-7B-GGUF/codellama-7b.Q4_K_M.gguf$", model.Name);
        Assert.True(model.Fim);
        Assert.Equal(new FileInfo(CodeLlama).Length, model.SizeBytes);
    }

    [Fact]
    public void Only_model_files_are_listed()
    {
        Assert.Equal(5, _result.Models.Count);
        Assert.DoesNotContain(_result.Models, m => m.Name.Contains("mmproj") || m.Name.Contains("00002-of") || m.Name.EndsWith(".txt"));
    }

    [Theory]
    // what a skipped manifest's note says
    [InlineData("library/broken/latest is not JSON")]
    [InlineData("library/gone/latest names blob sha256-4444444444444444444444444444444444444444444444444444444444444444, which is missing")]
    public void A_manifest_that_gives_no_model_is_a_note_not_a_failure(string note) =>
        Assert.Contains(_result.Notes, n => n.Contains(note));

    [Fact]
    public void Stores_that_do_not_exist_give_nothing()
    {
        using var empty = new TempDirectory();

        var result = LocalModelDiscovery.Discover(ModelStores.Locate(_ => null, empty.Root).Where(r => r.Path.StartsWith(empty.Root, StringComparison.Ordinal)));

        Assert.Empty(result.Models);
        Assert.Empty(result.Notes);
    }

    [Theory]
    [InlineData("codellama-7b.Q4_K_M.gguf", true)]
    [InlineData("qwen-00001-of-00003.gguf", true)]
    [InlineData("qwen-00002-of-00003.gguf", false)]
    [InlineData("mmproj-model-f16.gguf", false)]
    public void Split_parts_after_the_first_and_vision_projectors_are_not_model_entries(string file, bool entry) =>
        Assert.Equal(entry, LocalModelDiscovery.IsModelEntry(file));

    private static string Manifest(string modelDigest) =>
        $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:{{new string('9', 64)}}","size":485},"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:{{modelDigest}}","size":1},{"mediaType":"application/vnd.ollama.image.license","digest":"sha256:{{new string('3', 64)}}","size":11}]}""";

    private void Copy(string from, string relative) => _home.Write(relative, File.ReadAllBytes(from));

    private void Link(string relative, string target)
    {
        var full = Path.Combine(_home.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }
}
