namespace LlamaCode.Completion.Models;

/// <summary>The local model stores whose GGUF files discovery lists.</summary>
public enum ModelStoreKind
{
    Ollama,
    LMStudio,
    LlamaCpp,
    HuggingFace,
}

/// <summary>One folder of a store, in the layout of its kind.</summary>
public sealed record ModelStoreRoot(ModelStoreKind Kind, string Path);

/// <summary>
/// Where the usual stores keep their models, from the environment and the home folder (pure: tested as a table).
/// Each tool's own override comes first, as the tool itself reads it.
/// </summary>
public static class ModelStores
{
    public static IReadOnlyList<ModelStoreRoot> Locate(Func<string, string?> environment, string home)
    {
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;
        var cache = Env("XDG_CACHE_HOME") ?? Path.Combine(home, ".cache");
        var roots = new List<ModelStoreRoot>
        {
            // Ollama: OLLAMA_MODELS, else ~/.ollama/models; the Linux service keeps them under its own user's home.
            new(ModelStoreKind.Ollama, Env("OLLAMA_MODELS") ?? Path.Combine(home, ".ollama", "models")),
            new(ModelStoreKind.Ollama, "/usr/share/ollama/.ollama/models"),
            // LM Studio 0.3+ and before.
            new(ModelStoreKind.LMStudio, Path.Combine(home, ".lmstudio", "models")),
            new(ModelStoreKind.LMStudio, Path.Combine(home, ".cache", "lm-studio", "models")),
            // llama.cpp's -hf downloads: LLAMA_CACHE, else $XDG_CACHE_HOME/llama.cpp.
            new(ModelStoreKind.LlamaCpp, Env("LLAMA_CACHE") ?? Path.Combine(cache, "llama.cpp")),
            // Hugging Face hub: HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub.
            new(ModelStoreKind.HuggingFace, Env("HF_HUB_CACHE") ?? Path.Combine(Env("HF_HOME") ?? Path.Combine(cache, "huggingface"), "hub")),
        };
        return roots.DistinctBy(r => (r.Kind, r.Path)).ToArray();
    }

    /// <summary>The stores of this process's environment and user.</summary>
    public static IReadOnlyList<ModelStoreRoot> ForCurrentUser() =>
        Locate(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}
