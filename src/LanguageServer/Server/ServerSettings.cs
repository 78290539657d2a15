using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.CSharp;

namespace LlamaCode.LanguageServer.Server;

/// <summary>What loads a model: a change of any of these reloads it.</summary>
public sealed record ModelSettings(string? ModelPath, int GpuLayers, int ContextSize)
{
    /// <summary>The inference server generation goes to (null: the in-process engine); ModelPath is then its vocabulary's local copy.</summary>
    public RemoteSettings? Remote { get; init; }
}

/// <summary>The server's settings (docs/configuration.md), from initializationOptions and workspace/didChangeConfiguration.</summary>
public sealed record ServerSettings
{
    public string? ModelPath { get; init; }
    public int GpuLayers { get; init; }
    public int ContextSize { get; init; } = 4096;
    public int MaxTokens { get; init; } = 128;
    public int ExplainMaxTokens { get; init; } = 512;
    public int ContextTokenBudget { get; init; }
    public FimLayout FimLayout { get; init; } = FimLayout.Spm;
    public bool StopAtBlockEnd { get; init; } = true;
    public bool TokenHealing { get; init; } = true;
    /// <summary>Milliseconds a keystroke may spend decoding uncached prompt tokens before a small prompt answers instead (0 = no limit).</summary>
    public int PrefillTargetMs { get; init; } = 300;
    /// <summary>How long an inline request waits for a model that is still loading before it answers with nothing.</summary>
    public int LoadWaitMs { get; init; } = 3000;
    public ServerLogLevel LogLevel { get; init; } = ServerLogLevel.Info;
    /// <summary>How the workspace's C# projects load; read when the workspace loads (at initialize).</summary>
    public ProjectLoaderKind ProjectLoader { get; init; } = ProjectLoaderKind.Auto;

    /// <summary>The remote backend (null: local), its endpoint (null: the API's default), token variable and model name.</summary>
    public RemoteApi? Backend { get; init; }
    public Uri? Endpoint { get; init; }
    public string? ApiKeyEnv { get; init; }
    public string? RemoteModel { get; init; }

    public ModelSettings Model => new(ModelPath, GpuLayers, ContextSize)
    {
        Remote = Backend is { } api
            ? new RemoteSettings(api, Endpoint ?? RemoteSettings.DefaultEndpoint(api)) { ApiKeyEnv = ApiKeyEnv, Model = RemoteModel, VocabularyPath = ModelPath, ContextSize = ContextSize }
            : null,
    };

    public CompletionOptions CompletionOptions => new()
    {
        MaxTokens = MaxTokens, Layout = FimLayout, ContextTokenBudget = ContextTokenBudget, StopAtBlockEnd = StopAtBlockEnd, TokenHealing = TokenHealing,
        PrefillTarget = TimeSpan.FromMilliseconds(PrefillTargetMs),
    };
}
