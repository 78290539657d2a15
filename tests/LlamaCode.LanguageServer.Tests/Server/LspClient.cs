using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// A real StreamJsonRpc client talking to an in-process server over pipes: the same framing and serializer as
/// an editor, with the server's notifications recorded.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly Stream _rawToServer;
    public JsonRpc Rpc { get; }
    public Task<int> Server { get; }
    public List<(int Type, string Message)> Shown { get; } = [];
    public List<(int Type, string Message)> Logged { get; } = [];
    /// <summary>$/progress notifications: {token, value}.</summary>
    public List<JsonElement> Progress { get; } = [];
    public StringWriter Stderr { get; } = new();

    public LspClient(ICompletionBackend backend, string? modelPath = "model.gguf")
    {
        _rawToServer = _toServer.Writer.AsStream();
        Server = Task.Run(() => LanguageServerHost.RunAsync(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(),
            new LanguageServerOptions { Backend = backend, ModelPath = modelPath, Stderr = TextWriter.Synchronized(Stderr) }));
        var formatter = new SystemTextJsonFormatter();
        LanguageServerHost.SerializerOptions(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(_rawToServer, _toClient.Reader.AsStream(), formatter));
        Rpc.AddLocalRpcTarget(new ClientMethods(this));
        Rpc.StartListening();
    }

    private static void Record(List<(int, string)> list, JsonElement p)
    {
        lock (list) list.Add((p.GetProperty("type").GetInt32(), p.GetProperty("message").GetString()!));
    }

    /// <summary>What an editor answers and records of the server's own messages.</summary>
    private sealed class ClientMethods(LspClient client)
    {
        [JsonRpcMethod("window/showMessage", UseSingleObjectParameterDeserialization = true)]
        public void ShowMessage(JsonElement p) => Record(client.Shown, p);

        [JsonRpcMethod("window/logMessage", UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(JsonElement p) => Record(client.Logged, p);

        [JsonRpcMethod("window/workDoneProgress/create", UseSingleObjectParameterDeserialization = true)]
        public object? CreateProgress(JsonElement p) => null;

        [JsonRpcMethod("$/progress", UseSingleObjectParameterDeserialization = true)]
        public void Progress(JsonElement p)
        {
            lock (client.Progress) client.Progress.Add(p.Clone());
        }
    }

    public Task<JsonElement> Request(string method, object? parameters = null, CancellationToken ct = default) =>
        Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, ct);

    public Task Notify(string method, object? parameters = null) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    public async Task<JsonElement> InitializeAsync(object? initializationOptions = null, string[]? encodings = null, bool progress = true, string? rootUri = null)
    {
        var result = await Request("initialize", new
        {
            processId = (int?)null,
            rootUri,
            capabilities = new { general = new { positionEncodings = encodings ?? ["utf-16"] }, window = new { workDoneProgress = progress } },
            initializationOptions,
        });
        await Notify("initialized", new { });
        return result;
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        Notify("textDocument/didOpen", new { textDocument = new TextDocumentItem(uri, "csharp", version, text) });

    public Task ChangeAsync(string uri, int version, params object[] changes) =>
        Notify("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = changes });

    public Task<JsonElement> InlineAsync(string uri, int line, int character, int triggerKind = 2, object? selected = null, CancellationToken ct = default) =>
        Request("textDocument/inlineCompletion", new
        {
            textDocument = new { uri }, position = new { line, character },
            context = new { triggerKind, selectedCompletionInfo = selected },
        }, ct);

    /// <summary>Writes bytes straight to the server's input, bypassing the client's framing.</summary>
    public async Task WriteRawAsync(string text)
    {
        await _rawToServer.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _rawToServer.FlushAsync();
    }

    public static string Frame(string json) => $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";

    public async Task<int> ShutdownAndExitAsync()
    {
        await Request("shutdown");
        await Notify("exit");
        return await Server.WaitAsync(TestLimits.MachineBound);
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await _toServer.Writer.CompleteAsync();
        try { await Server.WaitAsync(TestLimits.MachineBound); } catch { /* the test decides what the server's end means */ }
    }
}
