using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.CSharp;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Conversions;

/// <summary>Settings JSON (initializationOptions, didChangeConfiguration) → <see cref="ServerSettings"/>.</summary>
public static class SettingsConversion
{
    /// <summary>
    /// Applies the keys present in <paramref name="json"/> (or in its "llamacode" section) to <paramref name="current"/>.
    /// A key of the wrong type is skipped and reported in <paramref name="problems"/>; unknown keys are ignored.
    /// </summary>
    public static ServerSettings Apply(ServerSettings current, JsonElement? json, List<string> problems)
    {
        if (json is not { ValueKind: JsonValueKind.Object } root) return current;
        if (root.TryGetProperty("llamacode", out var section) && section.ValueKind == JsonValueKind.Object) root = section;

        var s = current;
        foreach (var p in root.EnumerateObject())
        {
            try
            {
                s = p.Name switch
                {
                    "modelPath" => s with { ModelPath = p.Value.ValueKind == JsonValueKind.Null ? null : NonEmpty(p.Value.GetString()) },
                    "gpuLayers" => s with { GpuLayers = p.Value.GetInt32() },
                    "contextSize" => s with { ContextSize = Positive(p.Value.GetInt32()) },
                    "maxTokens" => s with { MaxTokens = Positive(p.Value.GetInt32()) },
                    "explainMaxTokens" => s with { ExplainMaxTokens = Positive(p.Value.GetInt32()) },
                    "contextTokenBudget" => s with { ContextTokenBudget = Math.Max(0, p.Value.GetInt32()) },
                    "fimLayout" => s with { FimLayout = Enum.Parse<FimLayout>(p.Value.GetString()!, ignoreCase: true) },
                    "stopAtBlockEnd" => s with { StopAtBlockEnd = p.Value.GetBoolean() },
                    "tokenHealing" => s with { TokenHealing = p.Value.GetBoolean() },
                    "prefillTargetMs" => s with { PrefillTargetMs = Math.Max(0, p.Value.GetInt32()) },
                    "loadWaitMs" => s with { LoadWaitMs = Math.Max(0, p.Value.GetInt32()) },
                    "projectLoader" => s with { ProjectLoader = Enum.Parse<ProjectLoaderKind>(p.Value.GetString()!, ignoreCase: true) },
                    "backend" => s with { Backend = RemoteSettings.ParseBackend(p.Value.GetString()!) },
                    "endpoint" => s with { Endpoint = NonEmpty(p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()) is { } url ? RemoteSettings.ParseEndpoint(url) : null },
                    "apiKeyEnv" => s with { ApiKeyEnv = p.Value.ValueKind == JsonValueKind.Null ? null : NonEmpty(p.Value.GetString()) },
                    "remoteModel" => s with { RemoteModel = p.Value.ValueKind == JsonValueKind.Null ? null : NonEmpty(p.Value.GetString()) },
                    "logLevel" => s with { LogLevel = Enum.Parse<ServerLogLevel>(p.Value.GetString()!, ignoreCase: true) },
                    _ => s,
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
            {
                // An endpoint may carry credentials: it is not echoed.
                var shown = p.Name == "endpoint" ? "(the URL)" : p.Value.GetRawText();
                problems.Add($"setting llamacode.{p.Name} = {shown} is invalid and was ignored ({e.Message})");
            }
        }
        return s;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static int Positive(int n) => n > 0 ? n : throw new ArgumentException("must be positive");
}
