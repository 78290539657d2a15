using System.Diagnostics;
using System.Text.Json;
using LlamaCode.Engine.Dev;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>The real `llamacode serve` process over stdio, with the generated tiny model and real llama.cpp.</summary>
public class StdioServerTests
{
    [Fact]
    public async Task Serves_an_inline_completion_over_stdio_and_exits_cleanly()
    {
        using var server = Start("--model", DevModels.GetOrCreate(DevModelSize.Tiny));
        using var rpc = Connect(server);
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = Environment.ProcessId, capabilities = new { } });
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
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

        await rpc.InvokeWithParameterObjectAsync<JsonElement?>("shutdown");
        await rpc.NotifyWithParameterObjectAsync("exit");
        Assert.True(server.WaitForExit(10_000));
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task A_missing_model_file_is_reported_and_the_server_stays_up()
    {
        using var server = Start("--model", "/nonexistent/codellama-7b.gguf");
        var shown = new TaskCompletionSource<string>();
        using var rpc = Connect(server, r => r.AddLocalRpcMethod("window/showMessage", new Action<int, string>((type, message) => shown.TrySetResult(message))));
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { capabilities = new { } });
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
        Assert.Contains("file not found", await shown.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, (await rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats")).GetProperty("version").GetInt32());
        server.Kill();
    }

    [Fact]
    public async Task The_server_exits_when_its_parent_process_dies()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "1") { UseShellExecute = false })!;
        using var server = Start();
        using var rpc = Connect(server);
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = parent.Id, capabilities = new { } });
        Assert.True(server.WaitForExit(15_000), "the server outlived its parent");
        Assert.Equal(1, server.ExitCode);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "llamacode"))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add("serve");
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static JsonRpc Connect(Process server, Action<JsonRpc>? configure = null)
    {
        var formatter = new SystemTextJsonFormatter();
        LanguageServerHost.SerializerOptions(formatter.JsonSerializerOptions);
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(server.StandardInput.BaseStream, server.StandardOutput.BaseStream, formatter));
        rpc.AddLocalRpcMethod("window/logMessage", new Action<int, string>((_, _) => { }));
        rpc.AddLocalRpcMethod("window/workDoneProgress/create", new Func<string, object?>(_ => null));
        rpc.AddLocalRpcMethod("$/progress", new Action<string, JsonElement>((_, _) => { }));
        configure?.Invoke(rpc);
        rpc.StartListening();
        return rpc;
    }
}
