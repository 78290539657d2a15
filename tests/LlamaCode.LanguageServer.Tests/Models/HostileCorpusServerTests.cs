using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.Engine.Probe;
using LlamaCode.LanguageServer.Tests.Server;
using LlamaCode.ModelGenerator;
using Xunit.Abstractions;

namespace LlamaCode.LanguageServer.Tests.Models;

/// <summary>
/// One real `llamacode serve` process pointed at every file of the hostile corpus in turn (a reload each): each refused
/// file is reported in one message naming it, each control loads and serves, and the process is up at the end.
/// </summary>
[Collection(HostileCorpusCollection.Name)]
public sealed class HostileCorpusServerTests(HostileCorpusFixture corpus, ITestOutputHelper output)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");

    [Fact]
    public async Task The_server_survives_every_case_as_its_model()
    {
        var shown = new ConcurrentQueue<string>();
        using var server = await ServerProcess.StartAsync(Executable, DevModels.GetOrCreate(DevModelSize.Tiny), onShowMessage: (_, message) => shown.Enqueue(message),
            initializationOptions: new { loadWaitMs = 30_000, maxTokens = 2 },
            environment: new Dictionary<string, string> { [ProbeVerdictCache.FolderEnvironmentVariable] = corpus.NewProbeCache() });
        await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
        {
            textDocument = new { uri = "file:///a.cs", languageId = "csharp", version = 1, text = "class A\n{\n    int B() => \n}\n" },
        });
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var (c, path) in corpus.Paths.OrderBy(p => p.Key.Name))
        {
            int servedBefore = await ServedByModel(server);
            await server.Rpc.NotifyWithParameterObjectAsync("workspace/didChangeConfiguration", new { settings = new { llamacode = new { modelPath = path } } });
            // The request waits for the load (up to loadWaitMs): a control serves it, a refused file answers empty.
            var answer = await Inline(server);
            if (c.MustLoad)
            {
                if (await ServedByModel(server) == servedBefore) failures.Add($"{c.Name}: not served ({string.Join(" | ", shown)})");
                continue;
            }
            if (answer.GetProperty("items").GetArrayLength() != 0) failures.Add($"{c.Name}: served a completion");
            try
            {
                await TestWait.Until(() => shown.Any(m => m.Contains(path, StringComparison.Ordinal)));
            }
            catch (Exception)
            {
                failures.Add($"{c.Name}: no message naming the file");
                continue;
            }
            var messages = shown.Where(m => m.Contains(path, StringComparison.Ordinal)).ToList();
            if (messages.Count != 1 || messages[0].Contains('\n')) failures.Add($"{c.Name}: {messages.Count} messages: {string.Join(" | ", messages)}");
            if (server.Process.HasExited) { failures.Add($"{c.Name}: the server exited with {server.Process.ExitCode}"); break; }
        }
        output.WriteLine($"{corpus.Paths.Count} models through one server in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, await server.ShutdownAsync());
    }

    private static Task<JsonElement> Inline(ServerProcess server) =>
        server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = "file:///a.cs" }, position = new { line = 2, character = 15 }, context = new { triggerKind = 1 },
        }).WaitAsync(TestLimits.MachineBound);

    private static async Task<int> ServedByModel(ServerProcess server)
    {
        var stats = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("llamacode/stats");
        return stats.GetProperty("requests").EnumerateArray().Count(r => r.GetProperty("source").GetString() == "model");
    }
}
