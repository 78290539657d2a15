using System.Text.Json;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>The client is ready for server-to-client traffic: start loading the model.</summary>
public sealed class InitializedHandler(ServerState state)
{
    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Handle(JsonElement? _ = null)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        state.Models.Configure(state.Settings.Model);
    }
}
