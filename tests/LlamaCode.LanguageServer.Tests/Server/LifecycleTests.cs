using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Server;

public class LifecycleTests
{
    [Fact]
    public async Task Requests_before_initialize_answer_ServerNotInitialized()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.InlineAsync("file:///a.cs", 0, 0));
        Assert.Equal(-32002, error.ErrorCode);
    }

    [Theory]
    [InlineData(new[] { "utf-8", "utf-16" }, "utf-8")]
    [InlineData(new[] { "utf-16" }, "utf-16")]
    [InlineData(new[] { "utf-32" }, "utf-16")]
    public async Task Initialize_negotiates_the_position_encoding(string[] offered, string expected)
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        var result = await client.InitializeAsync(encodings: offered);
        var caps = result.GetProperty("capabilities");
        Assert.Equal(expected, caps.GetProperty("positionEncoding").GetString());
        Assert.Equal(2, caps.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(caps.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.True(caps.GetProperty("inlineCompletionProvider").GetBoolean());
        Assert.Equal("llamacode", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_second_initialize_is_refused()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.InitializeAsync());
        Assert.Equal(-32600, error.ErrorCode);
    }

    [Fact]
    public async Task After_shutdown_requests_are_invalid_and_exit_ends_with_code_0()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        await client.Request("shutdown");
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.InlineAsync("file:///a.cs", 0, 0));
        Assert.Equal(-32600, error.ErrorCode);
        await client.Notify("exit");
        Assert.Equal(0, await client.Server.WaitAsync(TestLimits.MachineBound));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        await client.Notify("exit");
        Assert.Equal(1, await client.Server.WaitAsync(TestLimits.MachineBound));
    }

    [Fact]
    public async Task The_end_of_the_input_ends_the_server_with_code_1()
    {
        var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        await client.DisposeAsync();
        Assert.Equal(1, await client.Server.WaitAsync(TestLimits.MachineBound));
    }
}
