using System.Text;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>A well-framed message over the size limit is read past whole: answered when its start shows a request, and the next message is served.</summary>
public class OversizeMessageTests
{
    [Fact]
    public async Task A_request_over_the_limit_is_answered_with_its_id_and_the_next_one_is_served()
    {
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        var head = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"custom/large\",\"params\":{\"blob\":\"");
        var body = new byte[MessageFraming.MaxMessageBytes + 1];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length).Fill((byte)'a');
        await raw.SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
        await raw.SendAsync("""{"jsonrpc":"2.0","id":9,"method":"initialize","params":{"capabilities":{}}}""");

        var refused = await raw.ReceiveAsync();
        Assert.Equal(3, refused.GetProperty("id").GetInt32());
        Assert.Equal(-32600, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(9, (await raw.ReceiveAsync()).GetProperty("id").GetInt32());
    }
}
