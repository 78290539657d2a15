using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>`llamacode/lastPrompt` (version 1): what the model was last shown, for "show last prompt" in editors.</summary>
public sealed class LastPromptHandler(ServerState state)
{
    public const int Version = 1;

    [JsonRpcMethod("llamacode/lastPrompt")]
    public LastPromptResult Handle()
    {
        state.Lifecycle.EnsureRequestAllowed();
        return state.LastPrompt is var (uri, p)
            ? new LastPromptResult(Version, uri, p.Layout.ToString().ToLowerInvariant(), p.Prefix, p.Suffix, p.Tokens,
                p.Segments.Select(s => new PromptSegmentResult(s.Kind, s.Path, s.Text)).ToArray())
            : new LastPromptResult(Version, null, null, null, null, 0, []);
    }

    /// <summary>Every piece of the prompt in prompt order (kind: prefix, suffix, symbols, snippet), with the workspace-relative path it came from.</summary>
    public sealed record LastPromptResult(int Version, string? Uri, string? Layout, string? Prefix, string? Suffix, int PromptTokens, PromptSegmentResult[] Segments);

    public sealed record PromptSegmentResult(string Kind, string Path, string Text);
}
