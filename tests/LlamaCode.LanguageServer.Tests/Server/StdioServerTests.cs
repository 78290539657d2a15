using System.Diagnostics;
using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>The real `llamacode serve` process over stdio, with the generated tiny model and real llama.cpp.</summary>
public class StdioServerTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");
    /// <summary>Requests wait for the model's load however long the machine takes, instead of answering empty.</summary>
    private static readonly object LoadWait = new { loadWaitMs = TestLimits.MachineBoundMs };

    [Fact]
    public async Task Serves_an_inline_completion_over_stdio_and_exits_cleanly()
    {
        using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny), LoadWait);
        var rpc = server.Rpc;
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
        {
            textDocument = new { uri = "file:///demo/Cart.cs", languageId = "csharp", version = 1, text = "class Cart\n{\n    int Total()\n    {\n        return \n    }\n}\n" },
        });
        var result = await rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = "file:///demo/Cart.cs" }, position = new { line = 4, character = 15 }, context = new { triggerKind = 1 },
        }).WaitAsync(TestLimits.MachineBound);
        Assert.Equal(JsonValueKind.Array, result.GetProperty("items").ValueKind);

        var stats = await rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats");
        var served = Assert.Single(stats.GetProperty("requests").EnumerateArray());
        Assert.Equal("model", served.GetProperty("source").GetString());
        Assert.True(served.GetProperty("promptTokens").GetInt32() > 20);

        Assert.Equal(0, await server.ShutdownAsync());
    }

    [Fact]
    public async Task With_a_workspace_folder_the_prompt_carries_stubs_of_types_declared_in_other_files()
    {
        var root = Path.Combine(Path.GetTempPath(), "llamacode-ws-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "OrderRepository.cs"), "namespace Shop;\n\npublic sealed class OrderRepository\n{\n    public void Save(int orderId) { }\n}\n");
            // The workspace loads in the background (until it has, prompts hold the document alone): wait for the
            // end of its work-done progress.
            var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // No prefill budget: this checks what the full prompt carries, and a cold first keystroke over the budget
            // would be answered by the document-only fallback prompt (how long that takes depends on the machine).
            using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny),
                new { loadWaitMs = TestLimits.MachineBoundMs, prefillTargetMs = 0 }, rootUri: new Uri(root + "/").AbsoluteUri,
                onProgress: (_, value) =>
                {
                    if (value.GetProperty("kind").GetString() == "end" && value.GetProperty("message").GetString() is "workspace indexed" or "indexing failed")
                        loaded.TrySetResult();
                });
            var uri = new Uri(Path.Combine(root, "Checkout.cs")).AbsoluteUri;
            await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
            {
                textDocument = new { uri, languageId = "csharp", version = 1, text = "namespace Shop;\n\nclass Checkout(OrderRepository repository)\n{\n    void Pay() { repository. }\n}\n" },
            });
            await loaded.Task.WaitAsync(TestLimits.MachineBound);
            // The process's first compilation (a cold compiler) may outlast a keystroke's wait for it: the keystrokes
            // before it is done go without stubs, the ones after carry them.
            JsonElement stub = default;
            for (var deadline = DateTime.UtcNow + TestLimits.MachineBound; stub.ValueKind == JsonValueKind.Undefined && DateTime.UtcNow < deadline;)
            {
                await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
                {
                    textDocument = new { uri }, position = new { line = 4, character = 28 }, context = new { triggerKind = 1 },
                }).WaitAsync(TestLimits.MachineBound);
                var last = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/lastPrompt");
                stub = last.GetProperty("segments").EnumerateArray().FirstOrDefault(s => s.GetProperty("kind").GetString() == "symbols");
            }
            Assert.NotEqual(JsonValueKind.Undefined, stub.ValueKind);
            Assert.Equal("OrderRepository.cs", stub.GetProperty("path").GetString());
            Assert.Contains("public void Save(int orderId);", stub.GetProperty("text").GetString());
            Assert.Equal(0, await server.ShutdownAsync());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_model_file_is_reported_and_the_server_stays_up()
    {
        var shown = new TaskCompletionSource<string>();
        using var server = await ServerProcess.StartAsync(Executable, "/nonexistent/codellama-7b.gguf", onShowMessage: (_, message) => shown.TrySetResult(message));
        Assert.Contains("file not found", await shown.Task.WaitAsync(TestLimits.MachineBound));
        Assert.Equal(1, (await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_server_exits_when_its_parent_process_dies()
    {
        // The test owns the parent's lifetime: it ends the parent only once the server is up and initialized.
        using var parent = Process.Start(new ProcessStartInfo("sleep", "infinity") { UseShellExecute = false })!;
        try
        {
            using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny), parentProcessId: parent.Id);
            Assert.False(server.Process.HasExited);
            parent.Kill();
            await parent.WaitForExitAsync();
            await server.Process.WaitForExitAsync().WaitAsync(TestLimits.MachineBound);
            Assert.Equal(1, server.Process.ExitCode);
        }
        finally
        {
            if (!parent.HasExited) parent.Kill();
        }
    }
}
