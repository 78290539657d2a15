using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>The server never dies from a message: each case is followed by a request that must still be answered.</summary>
public class RobustnessTests
{
    [Fact]
    public async Task A_frame_without_content_length_is_skipped()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        await client.WriteRawAsync("Content-Type: nothing\r\n\r\n");
        await AssertStillServing(client);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":\"raw-1\",\"method\":7}")]
    [InlineData("{\"id\":\"raw-1\",\"method\":\"llamacode/stats\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":\"raw-1\",\"method\":\"llamacode/stats\",\"params\":17}")]
    public async Task An_invalid_request_with_an_id_answers_InvalidRequest_with_that_id(string body)
    {
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await raw.SendAsync(body);
        var answer = await raw.ReceiveAsync();
        Assert.Equal("raw-1", answer.GetProperty("id").GetString());
        Assert.Equal(-32600, answer.GetProperty("error").GetProperty("code").GetInt32());
    }

    /// <summary>
    /// Bodies that are not JSON-RPC objects are answered with a null id (JSON-RPC 2.0 §5); an invalid message without an
    /// id may have been a notification and is not answered. Either way the next request is served. (Raw frames: the
    /// StreamJsonRpc client library itself drops a connection that sends it a response with a null id.)
    /// </summary>
    [Theory]
    [InlineData("not json at all", -32700)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":", -32700)]
    [InlineData("[1,2,3]", -32600)]
    [InlineData("42", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":\"a string\"}", null)]
    public async Task A_malformed_body_is_answered_or_dropped_and_the_server_goes_on(string body, int? code)
    {
        var stderr = new StringWriter();
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(ScriptedService.Fixed("x")), stderr);
        await raw.SendAsync(body);
        if (code is { } expected)
        {
            var answer = await raw.ReceiveAsync();
            Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("id").ValueKind);
            Assert.Equal(expected, answer.GetProperty("error").GetProperty("code").GetInt32());
        }
        await raw.SendAsync("""{"jsonrpc":"2.0","id":9,"method":"initialize","params":{"capabilities":{}}}""");
        Assert.Equal(9, (await raw.ReceiveAsync()).GetProperty("id").GetInt32());
        Assert.Contains("malformed message", stderr.ToString());
    }

    [Fact]
    public async Task An_unknown_method_answers_MethodNotFound()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => client.Request("textDocument/nothing", new { }));
        Assert.Equal(-32601, (int)error.ErrorCode);
        await AssertStillServing(client);
    }

    [Fact]
    public async Task Invalid_params_answer_InvalidParams()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        // StreamJsonRpc's client surfaces -32602 as RemoteMethodNotFoundException ("no method with these parameters").
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() =>
            client.Request("textDocument/inlineCompletion", new { textDocument = 5, position = "here" }));
        Assert.Equal(-32602, (int)error.ErrorCode);
        await AssertStillServing(client);
    }

    [Fact]
    public async Task A_failing_completion_service_gives_an_error_response_not_a_dead_server()
    {
        var service = new ScriptedService((_, _) => throw new InvalidOperationException("boom"));
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync("file:///a.cs", "class A { }");
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.InlineAsync("file:///a.cs", 0, 5));
        Assert.Contains("boom", error.Message);
        await AssertStillServing(client);
    }

    [Fact]
    public async Task Notifications_never_get_responses()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        // A notification for an unknown method and one with bad params: if either were answered, the client
        // library would fail on a response it never asked for; the next request still matches its own answer.
        await client.Notify("custom/unknownNotification", new { a = 1 });
        await client.Notify("textDocument/didChange", new { textDocument = 3 });
        await AssertStillServing(client);
    }

    private static async Task AssertStillServing(LspClient client)
    {
        var stats = await client.Request("llamacode/stats").WaitAsync(TestLimits.MachineBound);
        Assert.Equal(1, stats.GetProperty("version").GetInt32());
        Assert.False(client.Server.IsCompleted, "the server stopped");
    }
}
