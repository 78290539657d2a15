using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>New settings apply at once; a change of model, GPU layers or context size reloads the model.</summary>
public sealed class DidChangeConfigurationHandler(ServerState state)
{
    [JsonRpcMethod("workspace/didChangeConfiguration", UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidChangeConfigurationParams p)
    {
        if (!state.Lifecycle.NotificationAllowed) return;
        var problems = new List<string>();
        state.Settings = SettingsConversion.Apply(state.Settings, p.Settings, problems);
        state.Log.Level = state.Settings.LogLevel;
        problems.ForEach(state.Log.Warn);
        state.Models.Configure(state.Settings.Model);
    }
}
