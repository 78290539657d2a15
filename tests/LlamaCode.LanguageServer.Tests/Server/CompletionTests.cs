using System.Text.Json;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>textDocument/inlineCompletion: given documents and edits, what the completion service sees and what the editor gets.</summary>
public class CompletionTests
{
    private const string Uri = "file:///work/a.cs";

    [Fact]
    public async Task Answers_with_the_completion_at_the_cursor()
    {
        var service = ScriptedService.Fixed("Count();");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "var n = items.\nreturn n;\n");
        var result = await client.InlineAsync(Uri, 0, 14);

        var item = Assert.Single(result.GetProperty("items").EnumerateArray());
        Assert.Equal("Count();", item.GetProperty("insertText").GetString());
        Assert.Equal("""{"start":{"line":0,"character":14},"end":{"line":0,"character":14}}""", item.GetProperty("range").GetRawText());
        var request = Assert.Single(service.Requests);
        Assert.Equal(("var n = items.", "\nreturn n;\n"), (request.Text[..request.Offset], request.Text[request.Offset..]));
    }

    [Theory]
    // document, edits as (startLine, startChar, endLine, endChar, text), cursor → text before the cursor
    [InlineData("ab\ncd", "1,1,1,1,X", 1, 2, "ab\ncX")]
    [InlineData("a😀b\nc", "0,3,0,3,Z", 0, 4, "a😀Z")]                // after a surrogate pair (2 UTF-16 units)
    [InlineData("ab\r\ncd\r\n", "1,0,1,2,xyz", 1, 3, "ab\r\nxyz")]   // CRLF lines
    [InlineData("ab\ncd", "0,1,1,1,-", 0, 2, "a-")]                  // a change across lines
    [InlineData("last line", "0,9,0,9,!", 0, 10, "last line!")]      // a final line without newline
    [InlineData("ab", "0,99,0,99,!", 0, 3, "ab!")]                   // out of range: clamped to the line end
    public async Task Incremental_changes_are_applied_in_utf16(string document, string edit, int line, int character, string expectedPrefix)
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, document);
        var e = edit.Split(',', 5);
        await client.ChangeAsync(Uri, 2, new { range = Range(int.Parse(e[0]), int.Parse(e[1]), int.Parse(e[2]), int.Parse(e[3])), text = e[4] });
        await client.InlineAsync(Uri, line, character);
        var request = Assert.Single(service.Requests);
        Assert.Equal(expectedPrefix, request.Text[..request.Offset]);
    }

    [Fact]
    public async Task Positions_are_in_utf8_bytes_when_negotiated()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync(encodings: ["utf-8"]);
        await client.OpenAsync(Uri, "é😀z\n");
        await client.ChangeAsync(Uri, 2, new { range = Range(0, 6, 0, 6), text = "Q" }); // after é (2 bytes) and 😀 (4 bytes)
        await client.InlineAsync(Uri, 0, 7);
        Assert.Equal("é😀Q", service.Requests[0].Text[..service.Requests[0].Offset]);
    }

    [Fact]
    public async Task A_full_change_replaces_the_text()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "old");
        await client.ChangeAsync(Uri, 2, new { text = "brand new" });
        await client.InlineAsync(Uri, 0, 5);
        Assert.Equal("brand", service.Requests[0].Text[..service.Requests[0].Offset]);
    }

    [Fact]
    public async Task An_unknown_or_closed_document_gets_an_empty_list()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        Assert.Empty((await client.InlineAsync("file:///never-opened.cs", 0, 0)).GetProperty("items").EnumerateArray());
        await client.OpenAsync(Uri, "abc");
        await client.Notify("textDocument/didClose", new { textDocument = new { uri = Uri } });
        Assert.Empty((await client.InlineAsync(Uri, 0, 1)).GetProperty("items").EnumerateArray());
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task A_selected_completion_item_is_extended_over_its_range()
    {
        var service = ScriptedService.Fixed("(items);");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "var n = Co\n");
        var result = await client.InlineAsync(Uri, 0, 10, selected: new { range = Range(0, 8, 0, 10), text = "Count" });

        var item = Assert.Single(result.GetProperty("items").EnumerateArray());
        Assert.Equal("Count(items);", item.GetProperty("insertText").GetString());
        Assert.Equal(JsonSerializer.Serialize(Range(0, 8, 0, 10)), item.GetProperty("range").GetRawText());
        Assert.Equal("var n = Count", service.Requests[0].Text[..service.Requests[0].Offset]);
    }

    [Fact]
    public async Task Typing_the_start_of_a_suggestion_is_answered_from_memory()
    {
        var service = ScriptedService.Fixed("Count();");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "var n = items.\n");
        await client.InlineAsync(Uri, 0, 14);
        await client.ChangeAsync(Uri, 2, new { range = Range(0, 14, 0, 14), text = "Co" });
        var result = await client.InlineAsync(Uri, 0, 16);

        Assert.Equal("unt();", result.GetProperty("items")[0].GetProperty("insertText").GetString());
        Assert.Single(service.Requests);
        var stats = await client.Request("llamacode/stats");
        Assert.Equal(["model", "typing-through"], stats.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task An_invoked_request_asks_the_model_again()
    {
        var service = ScriptedService.Fixed("Count();");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "var n = items.\n");
        await client.InlineAsync(Uri, 0, 14);
        await client.InlineAsync(Uri, 0, 14, triggerKind: 1);
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task A_newer_request_for_the_same_document_cancels_the_older()
    {
        var cancelled = new TaskCompletionSource();
        var service = ScriptedService.Blocking(cancelled);
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "abc");
        var older = client.InlineAsync(Uri, 0, 1);
        await WaitForRequests(service, older);
        var newer = client.InlineAsync(Uri, 0, 2);

        // StreamJsonRpc's client turns a RequestCancelled (-32800) answer into a cancelled task.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => older);
        await cancelled.Task.WaitAsync(TestLimits.MachineBound);
        Assert.False(newer.IsCompleted);
    }

    [Fact]
    public async Task The_superseded_request_answers_exactly_RequestCancelled_on_the_wire()
    {
        var service = ScriptedService.Blocking(new TaskCompletionSource());
        await using var raw = new RawLspConnection(ScriptedBackend.Serving(service));
        await raw.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}""");
        await raw.ReceiveAsync();
        await raw.SendAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
        await raw.SendAsync("""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///r.cs","languageId":"csharp","version":1,"text":"abc"}}}""");
        var request = """{"jsonrpc":"2.0","id":ID,"method":"textDocument/inlineCompletion","params":{"textDocument":{"uri":"file:///r.cs"},"position":{"line":0,"character":1},"context":{"triggerKind":1}}}""";
        await raw.SendAsync(request.Replace("ID", "2"));
        await service.Entered();
        await raw.SendAsync(request.Replace("ID", "3"));
        var answer = await raw.ReceiveAsync();
        Assert.Equal(2, answer.GetProperty("id").GetInt32());
        Assert.Equal(-32800, answer.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_request_superseded_after_an_edit_answers_ContentModified()
    {
        var cancelled = new TaskCompletionSource();
        var service = ScriptedService.Blocking(cancelled);
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "abc");
        var older = client.InlineAsync(Uri, 0, 1);
        await WaitForRequests(service, older);
        await client.ChangeAsync(Uri, 2, new { range = Range(0, 3, 0, 3), text = "d" });
        _ = client.InlineAsync(Uri, 0, 4);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => older);
        Assert.Equal(-32801, error.ErrorCode);
    }

    [Fact]
    public async Task Cancel_request_reaches_the_completion_service()
    {
        var cancelled = new TaskCompletionSource();
        var service = ScriptedService.Blocking(cancelled);
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "abc");
        using var cts = new CancellationTokenSource();
        var request = client.InlineAsync(Uri, 0, 1, ct: cts.Token);
        await WaitForRequests(service, request);
        cts.Cancel(); // the client library sends $/cancelRequest
        await cancelled.Task.WaitAsync(TestLimits.MachineBound);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(1, (await client.Request("llamacode/stats")).GetProperty("version").GetInt32());
    }

    private static object Range(int sl, int sc, int el, int ec) =>
        new { start = new { line = sl, character = sc }, end = new { line = el, character = ec } };

    /// <summary>Waits until the server has picked the request up (it is blocked inside the service afterwards).</summary>
    private static async Task WaitForRequests(ScriptedService service, Task pending)
    {
        await service.Entered();
        Assert.False(pending.IsCompleted);
    }
}
