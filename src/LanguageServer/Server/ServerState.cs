using LlamaCode.Completion;
using LlamaCode.Completion.Documents;

namespace LlamaCode.LanguageServer.Server;

/// <summary>Everything the handlers share. Handlers are the only writers, one at a time (see JsonRpcConnection).</summary>
public sealed class ServerState(ServerLog log, IClientChannel client, ModelHost models)
{
    public ServerLog Log { get; } = log;
    public IClientChannel Client { get; } = client;
    public ModelHost Models { get; } = models;
    public Lifecycle Lifecycle { get; } = new();
    public DocumentStore Documents { get; } = new();
    public WorkspaceHost Workspace { get; } = new(client, log);
    public InlineRequestTracker InlineRequests { get; } = new();
    public ServedStats Stats { get; } = new();
    public RemoteFailureNotice RemoteFailures { get; } = new(log, client);
    public ServerSettings Settings { get; set; } = new();
    public string PositionEncoding { get; set; } = Conversions.ProtocolConversions.Utf16;
    public ColumnUnit ColumnUnit => Conversions.ProtocolConversions.ToColumnUnit(PositionEncoding);

    /// <summary>The prompt of the last request the model answered, for llamacode/lastPrompt.</summary>
    public (string Uri, PromptSummary Prompt)? LastPrompt { get; set; }

    /// <summary>The last suggestion shown, for typing-through.</summary>
    public ShownSuggestion? LastShown { get; set; }
}
