using LlamaCode.Completion;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>
/// `llamacode/stats` (version 1): the recent inline requests and what each cost, and the model serving them (its file
/// name and backend, null while none is loaded) (docs/configuration.md).
/// </summary>
public sealed class StatsHandler(ServerState state)
{
    public const int Version = 1;

    [JsonRpcMethod("llamacode/stats")]
    public StatsResult Handle()
    {
        state.Lifecycle.EnsureRequestAllowed();
        return new StatsResult(Version, state.Stats.Recent(), state.Models.Loaded?.Name, state.Models.Loaded?.Backend)
        {
            BackgroundPrefill = (state.Models.Ready as LocalCompletionService)?.BackgroundPrefillPending ?? false,
        };
    }

    public sealed record StatsResult(int Version, IReadOnlyList<ServedRequest> Requests, string? Model = null, string? Backend = null)
    {
        /// <summary>True while the engine prefills, in the background, a prompt that a fallback answered.</summary>
        public bool BackgroundPrefill { get; init; }
    }
}
