using System.Diagnostics;
using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Tests.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Remote;

/// <summary>
/// Completion through a real llama-server (pinned source, generated model): the CLI through /completion and
/// /v1/completions, and a language server whose requests close their HTTP stream when cancelled or superseded.
/// </summary>
public sealed class RemoteCompletionTests : IDisposable
{
    /// <summary>How soon after a cancel the server's slot must be idle; generation of the request takes far longer.</summary>
    private static readonly TimeSpan SlotFreedLimit = TimeSpan.FromSeconds(10);
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "llamacode-remote-" + Guid.NewGuid().ToString("N"));
    private const string Source = "class Cart\n{\n    int Total(int a, int b)\n    {\n        return \n    }\n}\n";

    public RemoteCompletionTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    // backend, endpoint path, with the local vocabulary (--model)
    [InlineData("llama-server", "", true)]
    [InlineData("llama-server", "", false)]
    [InlineData("openai", "v1", true)]
    public async Task The_CLI_completes_through_llama_server(string backend, string path, bool vocabulary)
    {
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        await using var server = await LlamaServerProcess.StartAsync(model);
        var file = Write("Cart.cs", Source);
        string[] args = ["complete", "--backend", backend, "--endpoint", new Uri(server.Endpoint, path).AbsoluteUri, "--remote-model", "tiny",
            "--file", file, "--line", "5", "--character", "16", "--max-tokens", "8", "--json"];
        if (vocabulary) args = [.. args, "--model", model];

        var (code, stdout, stderr) = await CliProcess.Run(null, args);

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.String, json.GetProperty("completion").ValueKind);
        var stats = json.GetProperty("stats");
        Assert.True(stats.GetProperty("generatedTokens").GetInt32() > 0, stdout);
        Assert.True(stats.GetProperty("serverMs").GetDouble() > 0, stdout);
        Assert.Contains(vocabulary ? "loaded vocabulary-only" : "/tokenize, exact", stderr);
    }

    [Theory]
    // with the local vocabulary (the model's chat template, token ids), or without (Llama 2's format as text)
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_CLI_explains_through_llama_server(bool vocabulary)
    {
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        await using var server = await LlamaServerProcess.StartAsync(model);
        var file = Write("Cart.cs", Source);
        string[] args = ["explain", "--backend", "llama-server", "--endpoint", server.Endpoint.AbsoluteUri, "--file", file, "--range", "3:5-3:28", "--max-tokens", "8"];
        if (vocabulary) args = [.. args, "--model", model];

        var (code, _, stderr) = await CliProcess.Run(null, args);

        Assert.True(code == 0, stderr);
        Assert.Matches(@"prompt \d+ tokens, generated [1-9]\d*,", stderr);
    }

    [Theory]
    // what is wrong → exit code, what the one error line says
    [InlineData("unreachable", 3, "is unreachable")]
    [InlineData("no-fim-on-server", 3, "has no fill-in-the-middle tokens")]
    [InlineData("no-fim-vocabulary", 1, "has no fill-in-the-middle prefix, suffix or middle token")]
    public async Task A_failing_server_or_model_is_one_line_and_an_exit_code(string failure, int expectedCode, string says)
    {
        var noFim = DevModels.GetOrCreate(DevModelFamily.NoFim, FimTokenIds.InMetadata);
        await using var server = failure == "unreachable" ? null : await LlamaServerProcess.StartAsync(noFim);
        var endpoint = server?.Endpoint.AbsoluteUri ?? $"http://127.0.0.1:{LlamaServerProcess.FreePort()}/";
        var file = Write("Cart.cs", Source);
        string[] args = ["complete", "--backend", "llama-server", "--endpoint", endpoint, "--file", file, "--line", "5", "--character", "16", "--max-tokens", "4"];
        if (failure == "no-fim-vocabulary") args = [.. args, "--model", noFim];

        var (code, _, stderr) = await CliProcess.Run(null, args);

        Assert.Equal(expectedCode, code);
        var error = stderr.Split('\n').Where(l => l.Contains(says)).ToList();
        Assert.Single(error);
        Assert.DoesNotContain("   at ", stderr);
        if (server is not null) Assert.All(await server.SlotsAsync(), s => Assert.False(s.Processing)); // the server is still up
    }

    [Fact]
    public async Task A_language_server_answers_inline_requests_and_cancel_and_supersede_free_the_servers_slot()
    {
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        await using var llama = await LlamaServerProcess.StartAsync(model, slots: 2, contextSize: 4096);
        using var server = await ServerProcess.StartAsync(Executable, model, new { backend = "llama-server", endpoint = llama.Endpoint.AbsoluteUri, maxTokens = 6 });
        var uri = new Uri(Path.Combine(_folder, "Cart.cs")).AbsoluteUri;
        await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = Source } });

        var answer = await Inline(server, uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("items").ValueKind);
        var stats = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats");
        Assert.Equal("model", Assert.Single(stats.GetProperty("requests").EnumerateArray()).GetProperty("source").GetString());

        // Long generations from now on: only closing the stream ends them in time.
        await server.Rpc.NotifyWithParameterObjectAsync("workspace/didChangeConfiguration", new { settings = new { llamacode = new { backend = "llama-server", endpoint = llama.Endpoint.AbsoluteUri, maxTokens = 1500 } } });

        // Superseded: a newer request for the document replaces the first, whose stream closes.
        var first = Inline(server, uri, CancellationToken.None);
        Assert.True(await llama.WaitForSlotsAsync(s => s.Any(x => x.Processing), TimeSpan.FromSeconds(60)), "the first request never reached the server");
        using var cancel = new CancellationTokenSource();
        var second = Inline(server, uri, cancel.Token);
        // StreamJsonRpc turns the -32800 (request cancelled) answer into a cancelled task.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(await llama.WaitForSlotsAsync(s => s.Any(x => x.Processing), TimeSpan.FromSeconds(60)), "the second request never reached the server");

        // Cancelled ($/cancelRequest): the slot is idle right after, long before 1,500 tokens could be generated.
        var cancelled = Stopwatch.StartNew();
        cancel.Cancel();
        Assert.True(await llama.WaitForSlotsAsync(s => s.All(x => !x.Processing), SlotFreedLimit), $"a slot still works {SlotFreedLimit} after the cancel");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.True(cancelled.Elapsed < SlotFreedLimit);
        Assert.Equal(0, await server.ShutdownAsync());
    }

    [Fact]
    public async Task A_language_server_reports_an_unreachable_server_once_stays_up_and_recovers_when_it_comes_back()
    {
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        var port = LlamaServerProcess.FreePort();
        var shown = new List<string>();
        using var server = await ServerProcess.StartAsync(Executable, model, new { backend = "llama-server", endpoint = $"http://127.0.0.1:{port}/", maxTokens = 4 },
            onShowMessage: (_, message) => { lock (shown) shown.Add(message); });
        var uri = new Uri(Path.Combine(_folder, "Cart.cs")).AbsoluteUri;
        await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "csharp", version = 1, text = Source } });

        for (var i = 0; i < 3; i++)
            Assert.Empty((await Inline(server, uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60))).GetProperty("items").EnumerateArray());
        await Server.TestWait.Until(() => { lock (shown) return shown.Count > 0; });
        lock (shown) Assert.Contains("is unreachable", Assert.Single(shown)); // once, not once per request

        await using var llama = await LlamaServerProcess.StartAsync(model, port: port);
        await Inline(server, uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));
        var stats = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats");
        Assert.Contains(stats.GetProperty("requests").EnumerateArray(), r => r.GetProperty("source").GetString() == "model");
        Assert.Equal(0, await server.ShutdownAsync());
    }

    [Fact]
    public async Task Bench_remote_types_in_several_editors_at_once_and_prints_the_overhead_and_where_it_goes()
    {
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        await using var llama = await LlamaServerProcess.StartAsync(model, slots: 2);

        var (code, stdout, stderr) = await CliProcess.RunDev(["bench", "remote", "--endpoint", llama.Endpoint.AbsoluteUri,
            "--editors", "2", "--keystrokes", "3", "--max-tokens", "2", "--prompt-tokens", "256"]);

        Assert.True(code == 0, stderr);
        Assert.Matches(@"2 editor\(s\), \d+ keystrokes: overhead per keystroke over the server's own timings \(prompt_ms \+ predicted_ms\): p50 -?\d+\.\d ms, p95 -?\d+\.\d ms; of which LlamaCode's own work", stderr);
        Assert.Matches(@"(?m)^\| 2 \| 6 \| \d+ \| \d+ \|", stdout); // two editors, six keystrokes answered
        Assert.Matches(@"(?m)^\| 2 \| \d+\.\d \| \d+\.\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| -?\d+\.\d\d \|$", stdout); // the breakdown
    }

    private static Task<JsonElement> Inline(ServerProcess server, string uri, CancellationToken ct) =>
        server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri }, position = new { line = 4, character = 15 }, context = new { triggerKind = 1 },
        }, ct);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
