using System.Text.Json;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>The explain-selection code action and command.</summary>
public class ExplainTests
{
    private const string Uri = "file:///x/A.cs";
    private const string Text = "class A\n{\n    int Inc(int x) => x + 1;\n}\n";

    private static object Range(int sl, int sc, int el, int ec) =>
        new { start = new { line = sl, character = sc }, end = new { line = el, character = ec } };

    [Fact]
    public async Task The_code_action_is_offered_only_for_a_selection()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        var init = await client.InitializeAsync();
        Assert.True(init.GetProperty("capabilities").GetProperty("codeActionProvider").GetBoolean());
        Assert.Equal("llamacode.explainSelection", init.GetProperty("capabilities").GetProperty("executeCommandProvider").GetProperty("commands")[0].GetString());
        await client.OpenAsync(Uri, Text);

        var none = await client.Request("textDocument/codeAction", new { textDocument = new { uri = Uri }, range = Range(2, 4, 2, 4), context = new { diagnostics = Array.Empty<object>() } });
        Assert.Equal(0, none.GetArrayLength());
        var actions = await client.Request("textDocument/codeAction", new { textDocument = new { uri = Uri }, range = Range(2, 4, 2, 28), context = new { diagnostics = Array.Empty<object>() } });
        var command = Assert.Single(actions.EnumerateArray()).GetProperty("command");
        Assert.Equal("llamacode.explainSelection", command.GetProperty("command").GetString());
        Assert.Equal(Uri, command.GetProperty("arguments")[0].GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Explain_streams_through_progress_and_returns_the_whole_text()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync();
        await client.OpenAsync(Uri, Text);
        var result = await client.Request("workspace/executeCommand", new
        {
            command = "llamacode.explainSelection",
            arguments = new object[] { new { uri = Uri, range = Range(2, 4, 2, 28) } },
            workDoneToken = "explain-1",
        });

        Assert.Equal("It adds one.", result.GetString());
        var request = Assert.Single(service.ExplainRequests);
        Assert.Equal("int Inc(int x) => x + 1;", Text[request.Start..request.End]);
        // On the client's token: begin, one report per piece with the whole text so far, end.
        List<JsonElement> Explain() => client.Progress.Where(p => p.GetProperty("token").GetString() == "explain-1").Select(p => p.GetProperty("value")).ToList();
        await TestWait.Until(() => Explain().Count == 5);
        Assert.Equal(["begin", "report", "report", "report", "end"], Explain().Select(v => v.GetProperty("kind").GetString()));
        Assert.Equal(["It ", "It adds ", "It adds one."], Explain().Where(v => v.GetProperty("kind").GetString() == "report").Select(v => v.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("llamacode.nothing", -32602)]
    [InlineData("llamacode.explainSelection", -32602)] // without arguments
    public async Task Bad_commands_are_refused(string command, int code)
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));
        await client.InitializeAsync();
        var error = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => client.Request("workspace/executeCommand", new { command, arguments = Array.Empty<object>() }));
        Assert.Equal(code, error switch { RemoteInvocationException e => e.ErrorCode, RemoteMethodNotFoundException e => (int)e.ErrorCode, _ => 0 });
    }

    [Fact]
    public async Task Without_a_model_explain_fails_with_a_reason()
    {
        await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")), modelPath: null);
        await client.InitializeAsync();
        await client.OpenAsync(Uri, Text);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.Request("workspace/executeCommand", new
        {
            command = "llamacode.explainSelection", arguments = new object[] { new { uri = Uri, range = Range(2, 4, 2, 28) } },
        }));
        Assert.Equal(-32803, error.ErrorCode);
        Assert.Contains("no model", error.Message);
    }
}
