using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>Bytes in, frames out: for what no client library would send.</summary>
public sealed class RawLspConnection : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly Stream _in;
    private readonly Task<int> _server;

    public RawLspConnection(ICompletionBackend backend, TextWriter? stderr = null)
    {
        _in = _toClient.Reader.AsStream();
        _server = Task.Run(() => LanguageServerHost.RunAsync(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(),
            new LanguageServerOptions { Backend = backend, ModelPath = "model.gguf", Stderr = stderr == null ? TextWriter.Null : TextWriter.Synchronized(stderr) }));
    }

    public async Task SendAsync(string json)
    {
        await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(LspClient.Frame(json)));
        await _toServer.Writer.FlushAsync();
    }

    /// <summary>Bytes as they are, framing included.</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await _toServer.Writer.WriteAsync(bytes);
        await _toServer.Writer.FlushAsync();
    }

    /// <summary>The next response (a message with an id and a result or an error), skipping the server's notifications.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        while (true)
        {
            var message = await ReceiveMessageAsync();
            if (message.TryGetProperty("id", out _) && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _)))
                return message;
        }
    }

    private async Task<JsonElement> ReceiveMessageAsync()
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await _in.ReadExactlyAsync(one).AsTask().WaitAsync(TestLimits.MachineBound);
            header.Append((char)one[0]);
        }
        var length = int.Parse(header.ToString().Split(':')[1].Trim());
        var body = new byte[length];
        await _in.ReadExactlyAsync(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        try { await _server.WaitAsync(TestLimits.MachineBound); } catch { }
    }
}
