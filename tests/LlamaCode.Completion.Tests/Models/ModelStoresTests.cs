using LlamaCode.Completion.Models;

namespace LlamaCode.Completion.Tests.Models;

/// <summary>Where each store is looked for, from the environment and the home folder.</summary>
public sealed class ModelStoresTests
{
    [Theory]
    // environment ("NAME=value;…") → kind, the folder it gives
    [InlineData("", ModelStoreKind.Ollama, "/home/u/.ollama/models")]
    [InlineData("OLLAMA_MODELS=/data/ollama", ModelStoreKind.Ollama, "/data/ollama")]
    [InlineData("", ModelStoreKind.Ollama, "/usr/share/ollama/.ollama/models")]
    [InlineData("", ModelStoreKind.LMStudio, "/home/u/.lmstudio/models")]
    [InlineData("", ModelStoreKind.LMStudio, "/home/u/.cache/lm-studio/models")]
    [InlineData("", ModelStoreKind.LlamaCpp, "/home/u/.cache/llama.cpp")]
    [InlineData("XDG_CACHE_HOME=/xdg", ModelStoreKind.LlamaCpp, "/xdg/llama.cpp")]
    [InlineData("LLAMA_CACHE=/models/llama;XDG_CACHE_HOME=/xdg", ModelStoreKind.LlamaCpp, "/models/llama")]
    [InlineData("", ModelStoreKind.HuggingFace, "/home/u/.cache/huggingface/hub")]
    [InlineData("XDG_CACHE_HOME=/xdg", ModelStoreKind.HuggingFace, "/xdg/huggingface/hub")]
    [InlineData("HF_HOME=/hf", ModelStoreKind.HuggingFace, "/hf/hub")]
    [InlineData("HF_HOME=/hf;HF_HUB_CACHE=/hub", ModelStoreKind.HuggingFace, "/hub")]
    [InlineData("HF_HOME=", ModelStoreKind.HuggingFace, "/home/u/.cache/huggingface/hub")]
    public void Each_store_is_looked_for_where_its_tool_keeps_it(string environment, ModelStoreKind kind, string expected)
    {
        var variables = environment.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);

        var roots = ModelStores.Locate(name => variables.GetValueOrDefault(name), "/home/u");

        Assert.Contains(new ModelStoreRoot(kind, expected), roots);
    }

    [Fact]
    public void An_override_replaces_the_default_folder_rather_than_adding_to_it()
    {
        var roots = ModelStores.Locate(name => name == "LLAMA_CACHE" ? "/models" : null, "/home/u");

        Assert.Equal(["/models"], roots.Where(r => r.Kind == ModelStoreKind.LlamaCpp).Select(r => r.Path));
    }
}
