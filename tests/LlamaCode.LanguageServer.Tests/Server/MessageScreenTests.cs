using System.Text;
using System.Text.Json;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// What becomes of each kind of message before StreamJsonRpc sees it: passed on, answered here (code and id), or
/// dropped. `\xNN` in a body stands for the raw byte NN (bodies that are not UTF-8).
/// </summary>
public class MessageScreenTests
{
    [Theory]
    // Passed on as sent: what StreamJsonRpc reads without fault.
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"shutdown"}""", "forward", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":"a","method":"shutdown","params":{}}""", "forward", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":-9223372036854775808,"method":"x","params":[]}""", "forward", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"llamacode/stats"}""", "forward", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":4,"result":null}""", "forward", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":4,"error":{"code":-1,"message":"no"}}""", "forward", null, null)]
    // Requests answered here, with their id as the client wrote it.
    [InlineData("""{"jsonrpc":"2.0","id":1.5,"method":"llamacode/stats"}""", "answer", -32600, "1.5")]
    [InlineData("""{"jsonrpc":"2.0","id":9223372036854775808,"method":"llamacode/stats"}""", "answer", -32600, "9223372036854775808")]
    [InlineData("""{"jsonrpc":"2.0","id":"\udc00","method":"llamacode/stats"}""", "answer", -32600, "\"\\udc00\"")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"\ud800"}""", "answer", -32600, "3")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":7}""", "answer", -32600, "3")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"x","params":"text"}""", "answer", -32600, "3")]
    [InlineData("""{"id":3,"method":"x"}""", "answer", -32600, "3")]
    [InlineData("""{"jsonrpc":"2.0","id":3}""", "answer", -32600, "3")]
    [InlineData("""{"jsonrpc":"2.0","id":true,"method":"x"}""", "answer", -32600, null)]
    // Bodies that cannot be read: the id of a request is recovered from before the fault.
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"x","params":{"a":""", "answer", -32700, "7")]
    [InlineData("""{"jsonrpc":"2.0","id":"s","method":"x",}""", "answer", -32700, "\"s\"")]
    [InlineData("""{"jsonrpc":"2.0","id":8,"method":"x","params":{"t":"a\xFFb"}}""", "answer", -32700, "8")]
    [InlineData("""{"jsonrpc":"2.0","id":8,"method":"\xFF\xFE"}""", "answer", -32700, "8")]
    [InlineData("""{"jsonrpc":"2.0","id":"\xFF","method":"x"}""", "answer", -32700, null)]
    [InlineData("""{"jsonrpc":"2.0","method":"x","params":{"t":"\xC0\x80"}}""", "answer", -32700, null)]
    [InlineData("""{"jsonrpc":"2.0","id":9,"result":{"a":""", "answer", -32700, null)]
    [InlineData("not json", "answer", -32700, null)]
    [InlineData("[1,2]", "answer", -32600, null)]
    [InlineData("42", "answer", -32600, null)]
    // Dropped: notifications and responses are never answered.
    [InlineData("""{"jsonrpc":"2.0","method":7}""", "drop", null, null)]
    [InlineData("""{"jsonrpc":"2.0","method":"x","params":3}""", "drop", null, null)]
    [InlineData("""{"method":"initialized"}""", "drop", null, null)]
    [InlineData("{}", "drop", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"error":"not an object"}""", "drop", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"error":{"code":1.5,"message":"x"}}""", "drop", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":1.5,"result":null}""", "drop", null, null)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}}""", "drop", null, null)]
    public void Screens_each_message(string body, string fate, int? code, string? answerId)
    {
        var bytes = Bytes(body);
        var screened = MessageScreen.Screen(bytes);
        Assert.Equal(fate, screened.Forward is not null ? "forward" : screened.Answer is not null ? "answer" : "drop");
        if (fate == "forward") Assert.Equal(bytes, screened.Forward);
        else Assert.NotNull(screened.Problem);
        if (screened.Answer is not { } answer) return;
        var response = Response(answer);
        Assert.Equal(code, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(answerId ?? "null", response.GetProperty("id").GetRawText());
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{\"a\":")]
    public void A_request_nested_past_the_limit_is_answered_with_its_id_and_a_notification_with_a_null_id(string open)
    {
        var nested = string.Concat(Enumerable.Repeat(open, 20_000));
        var request = MessageScreen.Screen(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":5,"method":"x","params":{{nested}}"""));
        Assert.Equal("5", Response(request.Answer!).GetProperty("id").GetRawText());
        var notification = MessageScreen.Screen(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","method":"x","params":{{nested}}"""));
        Assert.Equal(JsonValueKind.Null, Response(notification.Answer!).GetProperty("id").ValueKind);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}""", """{"jsonrpc":"2.0","id":1,"method":"shutdown"}""")]
    [InlineData("""{"params":null,"jsonrpc":"2.0","method":"exit"}""", """{"jsonrpc":"2.0","method":"exit"}""")]
    public void Null_params_are_passed_on_as_no_params(string body, string forwarded) =>
        Assert.Equal(forwarded, Encoding.UTF8.GetString(MessageScreen.Screen(Encoding.UTF8.GetBytes(body)).Forward!));

    /// <summary>The body's text with `\xNN` read as the raw byte NN.</summary>
    private static byte[] Bytes(string body)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 3 < body.Length && body[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(body.Substring(i + 2, 2), 16));
                i += 3;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(body[i].ToString()));
        }
        return [.. bytes];
    }

    private static JsonElement Response(byte[] framed)
    {
        var text = Encoding.UTF8.GetString(framed);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(text[(split + 4)..]), int.Parse(text["Content-Length:".Length..split].Trim()));
        return JsonDocument.Parse(text[(split + 4)..]).RootElement.Clone();
    }
}
