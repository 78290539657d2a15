using System.Text.Json;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// Every method without parameters accepts params absent, null, {} or [] (JSON-RPC lets params be omitted; LSP clients
/// send null or {}), and a response from the client to a request the server never sent is dropped, not fatal.
/// </summary>
public class ParameterlessMethodTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "llamacode/stats", "llamacode/lastPrompt", "shutdown" })
            foreach (var ps in new[] { "", ",\"params\":null", ",\"params\":{}", ",\"params\":[]" })
                data.Add(method, ps);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answers_with_a_result(string method, string ps)
    {
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await raw.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}""");
        await raw.ReceiveAsync();
        await raw.SendAsync($$"""{"jsonrpc":"2.0","id":"p","method":"{{method}}"{{ps}}}""");
        var answer = await raw.ReceiveAsync();
        Assert.Equal("p", answer.GetProperty("id").GetString());
        Assert.True(answer.TryGetProperty("result", out _), answer.GetRawText());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":55,"result":null}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"no"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}""")]
    public async Task A_response_to_no_request_of_the_servers_is_dropped_and_the_server_goes_on(string stray)
    {
        var stderr = new StringWriter();
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(ScriptedService.Fixed("x")), stderr);
        await raw.SendAsync(stray);
        await raw.SendAsync("""{"jsonrpc":"2.0","id":9,"method":"initialize","params":{"capabilities":{}}}""");
        Assert.Equal(9, (await raw.ReceiveAsync()).GetProperty("id").GetInt32());
        Assert.Contains("a response to no request of the server's", stderr.ToString());
    }
}
