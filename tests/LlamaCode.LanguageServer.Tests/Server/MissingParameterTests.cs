namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// A method that needs parameters, sent without them (params absent, null or {}), gets InvalidParams (-32602) in one
/// line, without the server's stack trace, and the server goes on serving.
/// </summary>
public class MissingParameterTests
{
    [Theory]
    [InlineData("textDocument/inlineCompletion", "")]
    [InlineData("textDocument/inlineCompletion", ",\"params\":null")]
    [InlineData("textDocument/inlineCompletion", ",\"params\":{}")]
    [InlineData("textDocument/inlineCompletion", ",\"params\":{\"position\":{\"line\":0,\"character\":0}}")]
    [InlineData("textDocument/codeAction", ",\"params\":{}")]
    public async Task Answers_InvalidParams_without_internals(string method, string ps)
    {
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await raw.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}""");
        await raw.ReceiveAsync();
        await raw.SendAsync($$"""{"jsonrpc":"2.0","id":2,"method":"{{method}}"{{ps}}}""");
        var answer = await raw.ReceiveAsync();
        Assert.Equal(2, answer.GetProperty("id").GetInt32());
        var error = answer.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.DoesNotContain(" at ", error.GetRawText());
        Assert.False(error.TryGetProperty("data", out var data) && data.ValueKind != System.Text.Json.JsonValueKind.Null, error.GetRawText());

        await raw.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"llamacode/stats"}""");
        Assert.Equal(3, (await raw.ReceiveAsync()).GetProperty("id").GetInt32());
    }
}
