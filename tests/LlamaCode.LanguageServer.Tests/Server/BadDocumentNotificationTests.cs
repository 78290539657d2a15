namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// A document notification the server cannot apply (text null or missing, a change that is not an object) leaves the
/// document as it was, so that the editor's later incremental edits still apply to the text it has.
/// </summary>
public class BadDocumentNotificationTests
{
    private const string Uri = "file:///work/a.cs";

    [Theory]
    [InlineData("""{"textDocument":{"uri":"file:///work/a.cs","version":2},"contentChanges":[{"text":null}]}""")]
    [InlineData("""{"textDocument":{"uri":"file:///work/a.cs","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}}}]}""")]
    [InlineData("""{"textDocument":{"uri":"file:///work/a.cs","version":2},"contentChanges":[{"text":"X"},null]}""")]
    [InlineData("""{"textDocument":{"uri":"file:///work/a.cs","version":2},"contentChanges":[{"text":"gone"},{"text":null}]}""")]
    public async Task A_change_without_text_leaves_the_document_as_it_was(string didChange)
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "ab\ncd");
        await client.WriteRawAsync(LspClient.Frame($$"""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{didChange}}}"""));
        await client.ChangeAsync(Uri, 3, new { range = new { start = new { line = 1, character = 2 }, end = new { line = 1, character = 2 } }, text = "!" });
        await client.InlineAsync(Uri, 1, 3);
        Assert.Equal("ab\ncd!", Assert.Single(service.Requests).Text);
    }

    [Fact]
    public async Task An_open_without_text_does_not_replace_the_open_document()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "ab");
        await client.WriteRawAsync(LspClient.Frame("""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/a.cs","languageId":"csharp","version":2,"text":null}}}"""));
        await client.InlineAsync(Uri, 0, 2);
        Assert.Equal("ab", Assert.Single(service.Requests).Text);
    }
}
