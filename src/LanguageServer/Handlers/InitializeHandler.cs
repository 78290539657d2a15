using System.Reflection;
using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

public sealed class InitializeHandler(ServerState state, Action<int> watchParent)
{
    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Handle(InitializeParams p)
    {
        state.Lifecycle.MarkInitialized();
        state.PositionEncoding = ProtocolConversions.NegotiateEncoding(p.Capabilities?.General?.PositionEncodings);
        state.Client.SupportsWorkDoneProgress = p.Capabilities?.Window?.WorkDoneProgress == true;
        var problems = new List<string>();
        state.Settings = SettingsConversion.Apply(state.Settings, p.InitializationOptions, problems);
        state.Log.Level = state.Settings.LogLevel;
        problems.ForEach(state.Log.Warn);
        if (p.ProcessId is { } pid) watchParent(pid);
        state.Workspace.Start(ProtocolConversions.WorkspaceRoot(p.WorkspaceFolders?.FirstOrDefault()?.Uri ?? p.RootUri), state.Settings.ProjectLoader);

        return new InitializeResult(
            new ServerCapabilities
            {
                PositionEncoding = state.PositionEncoding,
                TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental, Save: new SaveOptions(IncludeText: false)),
                ExecuteCommandProvider = new ExecuteCommandOptions([ExplainSelectionCommand.Name]),
            },
            new ServerInfo("llamacode", typeof(InitializeHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0"));
    }
}
