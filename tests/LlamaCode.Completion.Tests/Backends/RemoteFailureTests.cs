using System.Diagnostics;
using System.Text;
using LlamaCode.Completion.Backends;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Backends;

/// <summary>How the remote backend fails: one line, the right kind, retries only where the request never reached a server, the token never shown.</summary>
public sealed class RemoteFailureTests
{
    private const string Stream = "data: {\"content\":\"return a;\",\"stop\":false}\n\ndata: {\"content\":\"\",\"stop\":true,\"stop_type\":\"eos\",\"timings\":{\"cache_n\":5,\"prompt_n\":3,\"prompt_ms\":2.5,\"predicted_n\":3,\"predicted_ms\":4.0}}\n\n";

    private static async Task<RemoteGenerationBackend> Connect(Uri endpoint, RemoteApi api = RemoteApi.LlamaServer, string? apiKeyEnv = null) =>
        await RemoteGenerationBackend.ConnectAsync(new RemoteSettings(api, endpoint) { ApiKeyEnv = apiKeyEnv, Model = "m", FirstRetryDelay = TimeSpan.FromMilliseconds(20), TokenizeStartTimeout = TimeSpan.FromMilliseconds(200) }, _ => { }, CancellationToken.None);

    // A prompt of the backend's own (approximate) tokens: 8 of them.
    private static GenerationInput Input(IGenerationBackend backend, TimeSpan? budget = null) =>
        new(backend.Tokenizer.Tokenize("int Add(int a, int b) => a + b;\n")) { MaxTokens = 8, TimeBudget = budget ?? TimeSpan.FromSeconds(30) };

    [Theory]
    // status → failure kind, what the message says
    [InlineData(500, RemoteFailure.ServerError, "HTTP 500")]
    [InlineData(503, RemoteFailure.ServerError, "HTTP 503")]
    [InlineData(400, RemoteFailure.RequestRejected, "HTTP 400")]
    [InlineData(401, RemoteFailure.RequestRejected, "HTTP 401")]
    public async Task An_error_status_is_one_line_naming_the_server_and_is_never_retried(int status, RemoteFailure failure, string says)
    {
        await using var server = FakeInferenceServer.Replying(status, "{\"error\":{\"code\":" + status + ",\"message\":\"it went\\nwrong\",\"type\":\"server_error\"}}", "application/json");
        await using var backend = await Connect(server.Endpoint);

        var e = await Assert.ThrowsAsync<RemoteBackendException>(() => backend.GenerateAsync(Input(backend), null, CancellationToken.None));

        Assert.Equal(failure, e.Failure);
        Assert.Contains(says, e.Message);
        Assert.Contains("it went wrong", e.Message);
        Assert.Contains(server.Endpoint.Authority, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Single(server.Requests, r => r.Path is not "/props" and not "/tokenize");
    }

    [Fact]
    public async Task A_connection_closed_before_any_answer_is_tried_again_at_once_on_a_new_one()
    {
        // As llama-server does to a kept-alive connection that idles out just as a keystroke's request goes out on it:
        // the first completion request's connection is closed after the request was read, with nothing sent back.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");
        int completions = 0;
        var serving = Task.Run(async () =>
        {
            while (completions < 2)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var path = await ReadRequestPathAsync(stream);
                if (path == "/completion" && ++completions == 1) continue; // closed unanswered
                var body = path == "/completion" ? Stream : "";
                var head = $"HTTP/1.1 {(path == "/completion" ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/event-stream\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(head + body));
            }
        });
        await using var backend = await Connect(endpoint);

        var output = await backend.GenerateAsync(Input(backend), null, CancellationToken.None);

        Assert.Equal("return a;", output.Text);
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, completions);
    }

    /// <summary>Reads one HTTP/1.1 request (headers, then a Content-Length body) and returns its path.</summary>
    private static async Task<string> ReadRequestPathAsync(System.Net.Sockets.NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            int n = await stream.ReadAsync(buffer);
            if (n == 0) return "";
            received.AddRange(buffer.AsSpan(0, n));
        }
        var head = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim())).FirstOrDefault();
        while (received.Count < headerEnd + 4 + length)
        {
            int n = await stream.ReadAsync(buffer);
            if (n == 0) break;
            received.AddRange(buffer.AsSpan(0, n));
        }
        return head.Split(' ')[1];
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern)
    {
        for (int i = 0; i + pattern.Length <= bytes.Count; i++)
            if (System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).Slice(i, pattern.Length).SequenceEqual(pattern)) return i;
        return -1;
    }

    [Fact]
    public async Task An_unreachable_server_is_tried_again_with_backoff_then_reported_in_one_line()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FakeInferenceServer.FreePort()}/");
        await using var backend = await Connect(endpoint);
        var started = Stopwatch.GetTimestamp();

        var e = await Assert.ThrowsAsync<RemoteBackendException>(() => backend.GenerateAsync(Input(backend), null, CancellationToken.None));

        Assert.Equal(RemoteFailure.Unreachable, e.Failure);
        Assert.Contains("unreachable", e.Message);
        Assert.Contains("after 3 tries", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        // A timer may fire a little before its time (the system clock's coarse ticks): a tenth is allowed.
        var waited = Stopwatch.GetElapsedTime(started);
        Assert.True(waited >= TimeSpan.FromMilliseconds(0.9 * (20 + 80)), $"the retries wait 20 ms, then 80 ms; all took {waited.TotalMilliseconds:F1} ms");
    }

    [Fact]
    public async Task The_bearer_token_is_sent_but_never_shown_even_when_a_server_echoes_it()
    {
        var variable = "LLAMACODE_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        const string Token = "sk-test-4f9a1c";
        Environment.SetEnvironmentVariable(variable, Token);
        try
        {
            await using var server = FakeInferenceServer.Replying(401, "{\"error\":{\"message\":\"bad key Bearer " + Token + "\"}}", "application/json");
            var notes = new List<string>();
            await using var backend = await RemoteGenerationBackend.ConnectAsync(new RemoteSettings(RemoteApi.OpenAi, server.Endpoint) { ApiKeyEnv = variable, Model = "m" }, notes.Add, CancellationToken.None);

            var e = await Assert.ThrowsAsync<RemoteBackendException>(() => backend.GenerateAsync(Input(backend), null, CancellationToken.None));

            Assert.Equal($"Bearer {Token}", Assert.Single(server.Requests).Authorization);
            Assert.DoesNotContain(Token, e.Message);
            Assert.DoesNotContain(notes, n => n.Contains(Token));
            Assert.Contains(notes, n => n.Contains(variable)); // the log names the variable, not its value
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_server_that_says_nothing_within_the_time_budget_is_a_failure_named_as_such()
    {
        var release = new TaskCompletionSource();
        await using var server = new FakeInferenceServer(async (request, response) =>
        {
            if (request.Path == "/props") { response.StatusCode = 404; response.Close(); return; }
            await release.Task;
            response.Close();
        });
        await using var backend = await Connect(server.Endpoint);
        var started = Stopwatch.GetTimestamp();

        var e = await Assert.ThrowsAsync<RemoteBackendException>(() => backend.GenerateAsync(Input(backend, TimeSpan.FromMilliseconds(300)), null, CancellationToken.None));

        Assert.Equal(RemoteFailure.TimeBudget, e.Failure);
        Assert.Contains("time budget of 300 ms", e.Message);
        var generousLimit = TimeSpan.FromSeconds(10);
        Assert.True(Stopwatch.GetElapsedTime(started) < generousLimit);
        release.SetResult();
    }

    [Fact]
    public async Task Text_that_came_before_the_time_budget_ran_out_is_kept_as_a_completion_cut_at_a_limit()
    {
        var release = new TaskCompletionSource();
        await using var server = new FakeInferenceServer(async (request, response) =>
        {
            if (request.Path == "/props") { response.StatusCode = 404; response.Close(); return; }
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            var first = Encoding.UTF8.GetBytes("data: {\"content\":\"return \",\"stop\":false}\n\n");
            await response.OutputStream.WriteAsync(first);
            await response.OutputStream.FlushAsync();
            await release.Task;
            response.Close();
        });
        await using var backend = await Connect(server.Endpoint);

        // The budget must run out after the first event arrived, however busy the machine: a second here took over 1 s
        // (the thread pool of a test run busy elsewhere), so the budget is generous and the test waits it out.
        var output = await backend.GenerateAsync(Input(backend, TimeSpan.FromSeconds(10)), null, CancellationToken.None);

        Assert.Equal("return ", output.Text);
        Assert.True(output.HitLimit);
        release.SetResult();
    }

    [Fact]
    public async Task The_backend_recovers_when_the_server_answers_again()
    {
        var failing = true;
        await using var server = new FakeInferenceServer(async (request, response) =>
        {
            response.StatusCode = request.Path == "/props" ? 404 : failing ? 500 : 200;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(failing ? "{}" : Stream));
            response.Close();
        });
        await using var backend = await Connect(server.Endpoint);

        await Assert.ThrowsAsync<RemoteBackendException>(() => backend.GenerateAsync(Input(backend), null, CancellationToken.None));
        failing = false;
        var output = await backend.GenerateAsync(Input(backend), null, CancellationToken.None);

        Assert.Equal("return a;", output.Text);
        Assert.Equal((8, 5, 3), (output.Stats.PromptTokens, output.Stats.CachedTokens, output.Stats.GeneratedTokens));
        Assert.Equal(6.5, output.Stats.ServerMs);
    }
}
