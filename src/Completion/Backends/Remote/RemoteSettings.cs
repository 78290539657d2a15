namespace LlamaCode.Completion.Backends.Remote;

/// <summary>Which server API generation goes to.</summary>
public enum RemoteApi
{
    /// <summary>llama.cpp's llama-server: /completion with token ids (or /infill without a local vocabulary).</summary>
    LlamaServer,
    /// <summary>OpenAI-compatible /v1/completions (vLLM, SGLang, llama-server): the prompt as text, FIM tokens spelled out.</summary>
    OpenAi,
    /// <summary>Ollama's /api/generate with raw: true.</summary>
    Ollama,
}

/// <summary>How to reach an inference server. The bearer token is read from <see cref="ApiKeyEnv"/> when a request is made, and never logged.</summary>
public sealed record RemoteSettings(RemoteApi Api, Uri Endpoint)
{
    /// <summary>Name of the environment variable that holds the bearer token (null: no Authorization header).</summary>
    public string? ApiKeyEnv { get; init; }
    /// <summary>The model's name on the server (OpenAI and Ollama need one; llama-server ignores it).</summary>
    public string? Model { get; init; }
    /// <summary>A local copy of the model's GGUF, loaded vocabulary-only, to tokenize prompts exactly as the server would.</summary>
    public string? VocabularyPath { get; init; }
    /// <summary>Tokens of the server's context, when the server cannot tell (OpenAI, Ollama).</summary>
    public int ContextSize { get; init; } = 4096;
    /// <summary>How long a keystroke may wait for llama-server's /tokenize before its text is approximated.</summary>
    public TimeSpan TokenizeTimeout { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>How long each /tokenize request may take when the backend starts and learns the vocabulary (no keystroke waits then).</summary>
    public TimeSpan TokenizeStartTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Tries after a connection failure (never after an HTTP error status).</summary>
    public int ConnectRetries { get; init; } = 2;
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The API's name as the settings and CLI spell it.</summary>
    public static string Name(RemoteApi api) => api switch
    {
        RemoteApi.LlamaServer => "llama-server",
        RemoteApi.OpenAi => "openai",
        RemoteApi.Ollama => "ollama",
        _ => api.ToString(),
    };

    /// <summary>Parses a backend name: null for "local", the API otherwise; throws on anything else.</summary>
    public static RemoteApi? ParseBackend(string name) => name.Trim().ToLowerInvariant() switch
    {
        "local" => null,
        "llama-server" or "llamaserver" or "llama.cpp" => RemoteApi.LlamaServer,
        "openai" => RemoteApi.OpenAi,
        "ollama" => RemoteApi.Ollama,
        _ => throw new ArgumentException($"unknown backend '{name}' (local, llama-server, openai or ollama)"),
    };

    /// <summary>Where each server listens by default: llama-server 8080, vLLM 8000, Ollama 11434 (SGLang's 30000 must be given).</summary>
    public static Uri DefaultEndpoint(RemoteApi api) => new(api switch
    {
        RemoteApi.LlamaServer => "http://127.0.0.1:8080",
        RemoteApi.OpenAi => "http://127.0.0.1:8000",
        _ => "http://127.0.0.1:11434",
    });

    /// <summary>Checks an endpoint URL: absolute http(s), no credentials in it.</summary>
    public static Uri ParseEndpoint(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"the endpoint must be an http:// or https:// URL, not '{text}'");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new ArgumentException("the endpoint must not hold credentials; name an environment variable with the token instead (apiKeyEnv)");
        return uri;
    }
}
