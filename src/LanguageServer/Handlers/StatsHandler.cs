using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>`llamacode/stats` (version 1): the recent inline requests and what each cost (docs/configuration.md).</summary>
public sealed class StatsHandler(ServerState state)
{
    public const int Version = 1;

    [JsonRpcMethod("llamacode/stats")]
    public StatsResult Handle()
    {
        state.Lifecycle.EnsureRequestAllowed();
        return new StatsResult(Version, state.Stats.Recent());
    }

    public sealed record StatsResult(int Version, IReadOnlyList<ServedRequest> Requests);
}
