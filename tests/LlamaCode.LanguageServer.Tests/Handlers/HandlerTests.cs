using System.Text.Json;
using LlamaCode.LanguageServer.Handlers;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using LlamaCode.LanguageServer.Tests.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Handlers;

/// <summary>The handlers called directly, without JSON-RPC: protocol records in, protocol records out.</summary>
public class HandlerTests
{
    private const string Uri = "file:///h.cs";
    private readonly RecordingClient _client = new();
    private readonly ScriptedService _service = ScriptedService.Fixed("Count();");
    private readonly ServerState _state;

    public HandlerTests()
    {
        var log = new ServerLog(TextWriter.Null, null, ServerLogLevel.Debug);
        _state = new ServerState(log, _client, new ModelHost(ScriptedBackend.Serving(_service), _client, log))
        {
            Settings = new ServerSettings { ModelPath = "m.gguf" },
        };
    }

    [Fact]
    public void Initialize_reads_encoding_progress_support_settings_and_the_parent()
    {
        int? watched = null;
        var result = new InitializeHandler(_state, pid => watched = pid).Handle(new InitializeParams
        {
            ProcessId = 4242,
            Capabilities = new ClientCapabilities { General = new() { PositionEncodings = ["utf-8"] }, Window = new() { WorkDoneProgress = true } },
            InitializationOptions = JsonSerializer.SerializeToElement(new { llamacode = new { maxTokens = 9, fimLayout = "PSM" } }),
        });
        Assert.Equal("utf-8", result.Capabilities.PositionEncoding);
        Assert.Equal(4242, watched);
        Assert.True(_client.SupportsWorkDoneProgress);
        Assert.Equal((9, Completion.FimLayout.Psm), (_state.Settings.MaxTokens, _state.Settings.FimLayout));
    }

    [Fact]
    public void Document_notifications_before_initialize_are_dropped()
    {
        new DidOpenHandler(_state).Handle(new DidOpenTextDocumentParams(new TextDocumentItem(Uri, "csharp", 1, "x")));
        Assert.Null(_state.Documents.Get(Uri));
    }

    [Fact]
    public void Open_change_save_and_close_track_the_text_and_version()
    {
        Initialize();
        new DidOpenHandler(_state).Handle(new DidOpenTextDocumentParams(new TextDocumentItem(Uri, "csharp", 1, "int a;\n")));
        new DidChangeHandler(_state).Handle(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uri, 2),
            [new TextDocumentContentChangeEvent(new Protocol.Range(new Position(0, 4), new Position(0, 5)), "b"),
             new TextDocumentContentChangeEvent(new Protocol.Range(new Position(1, 0), new Position(1, 0)), "int c;")]));
        Assert.Equal(new OpenDocument(Uri, 2, "int b;\nint c;"), _state.Documents.Get(Uri));
        new DidSaveHandler(_state).Handle(new DidSaveTextDocumentParams(new TextDocumentIdentifier(Uri), "saved"));
        Assert.Equal("saved", _state.Documents.Get(Uri)!.Text);
        new DidCloseHandler(_state).Handle(new DidCloseTextDocumentParams(new TextDocumentIdentifier(Uri)));
        Assert.Null(_state.Documents.Get(Uri));
    }

    [Fact]
    public async Task Inline_completion_answers_and_then_types_through()
    {
        Initialize();
        new InitializedHandler(_state).Handle();
        new DidOpenHandler(_state).Handle(new DidOpenTextDocumentParams(new TextDocumentItem(Uri, "csharp", 1, "n = items.")));
        var handler = new InlineCompletionHandler(_state);
        var first = await handler.Handle(new InlineCompletionParams(new TextDocumentIdentifier(Uri), new Position(0, 10), null), default);
        Assert.Equal("Count();", Assert.Single(first.Items).InsertText);

        new DidChangeHandler(_state).Handle(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uri, 2),
            [new TextDocumentContentChangeEvent(new Protocol.Range(new Position(0, 10), new Position(0, 10)), "Cou")]));
        var second = await handler.Handle(new InlineCompletionParams(new TextDocumentIdentifier(Uri), new Position(0, 13), null), default);
        Assert.Equal("nt();", Assert.Single(second.Items).InsertText);
        Assert.Single(_service.Requests);
        Assert.Equal(["model", "typing-through"], new StatsHandler(_state).Handle().Requests.Select(r => r.Source));
    }

    [Fact]
    public void Shutdown_then_requests_are_invalid_and_exit_gives_0()
    {
        Initialize();
        new ShutdownHandler(_state).Handle();
        var error = Assert.Throws<LocalRpcException>(() => new StatsHandler(_state).Handle());
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
        new ExitHandler(_state).Handle();
        Assert.Equal(0, _state.Lifecycle.Exited.Result);
    }

    [Fact]
    public void A_request_before_initialize_is_refused()
    {
        var error = Assert.Throws<LocalRpcException>(() => new LastPromptHandler(_state).Handle());
        Assert.Equal(ErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    private void Initialize() => new InitializeHandler(_state, _ => { }).Handle(new InitializeParams());

    private sealed class RecordingClient : IClientChannel
    {
        public bool SupportsWorkDoneProgress { get; set; }
        public List<string> Messages { get; } = [];
        public Task LogAsync(int type, string message) { Messages.Add(message); return Task.CompletedTask; }
        public Task ShowAsync(int type, string message) { Messages.Add(message); return Task.CompletedTask; }
        public Task<IWorkDoneProgress?> BeginProgressAsync(string title, string message, JsonElement? clientToken = null) => Task.FromResult<IWorkDoneProgress?>(null);
    }
}
