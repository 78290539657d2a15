using LlamaCode.Completion;

namespace LlamaCode.LanguageServer.Tests.Server;

public class ModelLoadingTests
{
    private const string Uri = "file:///a.cs";

    [Fact]
    public async Task Without_a_model_the_user_is_told_once_and_requests_get_empty_lists()
    {
        var backend = ScriptedBackend.Serving(ScriptedService.Fixed("x"));
        await using var client = new LspClient(backend, modelPath: null);
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "abc");
        Assert.Empty((await client.InlineAsync(Uri, 0, 1)).GetProperty("items").EnumerateArray());
        Assert.Empty((await client.InlineAsync(Uri, 0, 2)).GetProperty("items").EnumerateArray());
        await TestWait.Until(() => client.Shown.Count > 0);
        await Task.Delay(100);
        var shown = Assert.Single(client.Shown);
        Assert.Contains("llamacode.modelPath", shown.Message);
        Assert.Equal(0, backend.Loads);
    }

    [Fact]
    public async Task A_bad_model_is_reported_with_its_reason_and_a_new_setting_reloads()
    {
        var good = ScriptedService.Fixed("ok");
        var backend = new ScriptedBackend((s, _) => s.ModelPath == "good.gguf"
            ? Task.FromResult<ICompletionService>(good)
            : Task.FromException<ICompletionService>(new InvalidDataException($"{s.ModelPath}: not a GGUF file")));
        await using var client = new LspClient(backend, modelPath: "bad.gguf");
        await client.InitializeAsync();
        await client.OpenAsync(Uri, "abc");
        Assert.Empty((await client.InlineAsync(Uri, 0, 1)).GetProperty("items").EnumerateArray());
        await TestWait.Until(() => client.Shown.Any(m => m.Type == 1 && m.Message.Contains("bad.gguf: not a GGUF file")));

        await client.Notify("workspace/didChangeConfiguration", new { settings = new { llamacode = new { modelPath = "good.gguf" } } });
        var result = await client.InlineAsync(Uri, 0, 1);
        Assert.Equal("ok", result.GetProperty("items")[0].GetProperty("insertText").GetString());
        Assert.Equal(2, backend.Loads);
    }

    [Fact]
    public async Task A_request_during_a_slow_load_waits_a_bounded_time_then_answers_empty()
    {
        var release = new TaskCompletionSource<ICompletionService>();
        var backend = new ScriptedBackend((_, _) => release.Task);
        await using var client = new LspClient(backend);
        await client.InitializeAsync(initializationOptions: new { llamacode = new { loadWaitMs = 100 } });
        await client.OpenAsync(Uri, "abc");
        Assert.Empty((await client.InlineAsync(Uri, 0, 1).WaitAsync(TestLimits.MachineBound)).GetProperty("items").EnumerateArray());

        release.SetResult(ScriptedService.Fixed("loaded"));
        Assert.Equal("loaded", (await client.InlineAsync(Uri, 0, 1)).GetProperty("items")[0].GetProperty("insertText").GetString());
        await TestWait.Until(() => client.Progress.Count == 2);
        Assert.Equal(["begin", "end"], client.Progress.Select(p => p.GetProperty("value").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Settings_from_initialization_options_reach_the_request()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync(initializationOptions: new { maxTokens = 17, fimLayout = "psm", contextTokenBudget = 900 });
        await client.OpenAsync(Uri, "abc");
        await client.InlineAsync(Uri, 0, 1);
        var options = service.Requests[0].Options;
        Assert.Equal((17, FimLayout.Psm, 900), (options.MaxTokens, options.Layout, options.ContextTokenBudget));
    }

    [Fact]
    public async Task An_invalid_setting_is_ignored_and_logged()
    {
        var service = ScriptedService.Fixed("x");
        await using var client = new LspClient(ScriptedBackend.Serving(service));
        await client.InitializeAsync(initializationOptions: new { maxTokens = "many", fimLayout = "spm" });
        await client.OpenAsync(Uri, "abc");
        await client.InlineAsync(Uri, 0, 1);
        Assert.Equal(128, service.Requests[0].Options.MaxTokens);
        Assert.Contains("llamacode.maxTokens", client.Stderr.ToString());
    }
}
