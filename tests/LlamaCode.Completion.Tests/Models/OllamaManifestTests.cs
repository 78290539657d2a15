using LlamaCode.Completion.Models;

namespace LlamaCode.Completion.Tests.Models;

/// <summary>Ollama's manifest names and model layers, in the format `ollama pull` writes.</summary>
public sealed class OllamaManifestTests
{
    private const string Hex = "8f1d8d9d0a8a3f1c3a6f0f2a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c";

    [Theory]
    // manifest path under models/manifests → the name Ollama shows
    [InlineData("registry.ollama.ai/library/codellama/7b-code", "codellama:7b-code")]
    [InlineData("registry.ollama.ai/library/qwen2.5-coder/latest", "qwen2.5-coder:latest")]
    [InlineData("registry.ollama.ai/someone/my-model/q4", "someone/my-model:q4")]
    [InlineData("hf.co/bartowski/Qwen2.5-Coder-1.5B-GGUF/Q4_K_M", "hf.co/bartowski/Qwen2.5-Coder-1.5B-GGUF:Q4_K_M")]
    [InlineData("registry.ollama.ai/library/codellama", null)]
    [InlineData("a/b/c/d/e", null)]
    public void A_manifest_path_gives_the_name_ollama_shows(string path, string? name) =>
        Assert.Equal(name, OllamaManifest.NameOf(path));

    [Theory]
    // manifest JSON → blob file, or the problem
    [InlineData($$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:{{Hex}}","size":485},"layers":[{"mediaType":"application/vnd.ollama.image.license","digest":"sha256:{{Hex}}","size":7020},{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:{{Hex}}","size":3825819519},{"mediaType":"application/vnd.ollama.image.params","digest":"sha256:{{Hex}}","size":59}]}""", "sha256-" + Hex, null)]
    [InlineData("""{"schemaVersion":2,"layers":[{"mediaType":"application/vnd.ollama.image.license","digest":"sha256:00","size":1}]}""", null, "has no model layer")]
    [InlineData("""{"schemaVersion":2}""", null, "has no layers")]
    [InlineData("""[1,2]""", null, "has no layers")]
    [InlineData("""{"layers":[{"mediaType":"application/vnd.ollama.image.model"}]}""", null, "has a model layer without a digest")]
    [InlineData("""{"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:../../etc/passwd"}]}""", null, "is not sha256:HEX")]
    [InlineData("""{"layers":[""", null, "is not JSON")]
    [InlineData("", null, "is not JSON")]
    public void A_manifest_names_its_model_blob_or_says_why_not(string json, string? blob, string? problem)
    {
        var (found, why) = OllamaManifest.ModelBlob(json);

        Assert.Equal(blob, found);
        if (problem is null) Assert.Null(why);
        else Assert.Contains(problem, why);
    }
}
