using System.Diagnostics;
using System.Text.Json;
using LlamaCode.Engine.Dev;
using LlamaCode.LanguageServer.Cli.Bench;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>The real `llamacode serve` process over stdio, with the generated tiny model and real llama.cpp.</summary>
public class StdioServerTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");

    [Fact]
    public async Task Serves_an_inline_completion_over_stdio_and_exits_cleanly()
    {
        using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny));
        var rpc = server.Rpc;
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
        {
            textDocument = new { uri = "file:///demo/Cart.cs", languageId = "csharp", version = 1, text = "class Cart\n{\n    int Total()\n    {\n        return \n    }\n}\n" },
        });
        var result = await rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = "file:///demo/Cart.cs" }, position = new { line = 4, character = 15 }, context = new { triggerKind = 1 },
        }).WaitAsync(TimeSpan.FromSeconds(60));
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
            using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny), rootUri: new Uri(root + "/").AbsoluteUri);
            var uri = new Uri(Path.Combine(root, "Checkout.cs")).AbsoluteUri;
            await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
            {
                textDocument = new { uri, languageId = "csharp", version = 1, text = "namespace Shop;\n\nclass Checkout(OrderRepository repository)\n{\n    void Pay() { repository. }\n}\n" },
            });
            // The workspace loads in the background: until it has, prompts hold the document alone.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            JsonElement stub = default;
            while (stub.ValueKind == JsonValueKind.Undefined && DateTime.UtcNow < deadline)
            {
                await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
                {
                    textDocument = new { uri }, position = new { line = 4, character = 28 }, context = new { triggerKind = 1 },
                }).WaitAsync(TimeSpan.FromSeconds(60));
                var last = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/lastPrompt");
                stub = last.GetProperty("segments").EnumerateArray().FirstOrDefault(s => s.GetProperty("kind").GetString() == "symbols");
                if (stub.ValueKind == JsonValueKind.Undefined) await Task.Delay(500);
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
        Assert.Contains("file not found", await shown.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, (await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_server_exits_when_its_parent_process_dies()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "1") { UseShellExecute = false })!;
        using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny), parentProcessId: parent.Id);
        Assert.True(server.Process.WaitForExit(15_000), "the server outlived its parent");
        Assert.Equal(1, server.Process.ExitCode);
    }
}
