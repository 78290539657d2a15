using LlamaCode.Completion.Models;
using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>`llamacode/models` (version 1): the GGUF files in the local stores, for an editor's model picker.</summary>
public sealed class ModelsHandler(ServerState state, Func<IReadOnlyList<ModelStoreRoot>> stores)
{
    public ModelsHandler(ServerState state) : this(state, ModelStores.ForCurrentUser) { }

    [JsonRpcMethod("llamacode/models")]
    public async Task<ModelListResult> Handle(CancellationToken cancellationToken)
    {
        state.Lifecycle.EnsureRequestAllowed();
        // File system walks and header reads: off the handler thread, which serves the requests in order.
        return ModelListConversion.ToResult(await Task.Run(() => LocalModelDiscovery.Discover(stores()), cancellationToken).ConfigureAwait(false));
    }
}
