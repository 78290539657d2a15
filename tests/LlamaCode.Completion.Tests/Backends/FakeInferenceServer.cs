using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace LlamaCode.Completion.Tests.Backends;

/// <summary>
/// An HTTP server on a loopback port that records each request (path, headers, JSON body) and answers with what the
/// test says: a replayed stream, an error status, or nothing for a while.
/// </summary>
internal sealed class FakeInferenceServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<Recorded, HttpListenerResponse, Task> _answer;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public sealed record Recorded(string Path, string? Authorization, JsonObject Body);

    public List<Recorded> Requests { get; } = [];
    public Uri Endpoint { get; }

    public FakeInferenceServer(Func<Recorded, HttpListenerResponse, Task> answer)
    {
        _answer = answer;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static FakeInferenceServer Replying(int status, string body, string contentType = "text/event-stream") => new(async (_, response) =>
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    });

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var recorded = new Recorded(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
                    body.Length > 0 ? JsonNode.Parse(body)!.AsObject() : new JsonObject());
                lock (Requests) Requests.Add(recorded);
                try { await _answer(recorded, context.Response); }
                catch (Exception) { /* the client went away */ }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
    }
}
