using System.Text.Json;
using LlamaCode.DevTools.Bench.Fuzz;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// Lifecycle messages as Emacs eglot and other clients send them to the real `llamacode serve` process: parameterless
/// methods with params absent, null or {}.
/// </summary>
public class EglotShutdownTests
{
    private static readonly TimeSpan Limit = TestLimits.MachineBound;

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData(null)]
    public async Task Shutdown_and_exit_with_these_params_end_the_process_with_code_0(string? ps)
    {
        await using var server = RawServerProcess.Start(Path.Combine(AppContext.BaseDirectory, "llamacode"), DevModels.GetOrCreate(DevModelSize.Tiny));
        var answered = new Dictionary<string, TaskCompletionSource>
        {
            ["n:1"] = new(TaskCreationOptions.RunContinuationsAsynchronously), ["n:2"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        server.Responded += key => { if (answered.TryGetValue(key, out var done)) done.TrySetResult(); };
        var withParams = ps is null ? "" : ",\"params\":" + ps;

        await server.SendAsync(Frame("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":""" + Environment.ProcessId + ""","capabilities":{}}}""").Frame);
        await server.SendAsync(Frame($$"""{"jsonrpc":"2.0","method":"initialized"{{withParams}}}""").Frame);
        await answered["n:1"].Task.WaitAsync(Limit);
        await server.SendAsync(Frame($$"""{"jsonrpc":"2.0","id":2,"method":"shutdown"{{withParams}}}""").Frame);
        await answered["n:2"].Task.WaitAsync(Limit);
        await server.SendAsync(Frame($$"""{"jsonrpc":"2.0","method":"exit"{{withParams}}}""").Frame);

        await server.Exited.WaitAsync(Limit);
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task Exit_with_params_null_without_shutdown_ends_the_process_with_code_1()
    {
        await using var server = RawServerProcess.Start(Path.Combine(AppContext.BaseDirectory, "llamacode"), DevModels.GetOrCreate(DevModelSize.Tiny));
        await server.SendAsync(Frame("""{"jsonrpc":"2.0","method":"exit","params":null}""").Frame);
        await server.Exited.WaitAsync(Limit);
        Assert.Equal(1, server.ExitCode);
    }

    private static FuzzMessage Frame(string json)
    {
        using var _ = JsonDocument.Parse(json); // the test's own messages are valid JSON
        return FuzzMessage.Json("eglot", json, null);
    }
}
