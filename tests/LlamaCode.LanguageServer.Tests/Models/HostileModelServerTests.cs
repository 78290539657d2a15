using System.Collections.Concurrent;
using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.Engine.Probe;
using LlamaCode.LanguageServer.Tests.Server;

namespace LlamaCode.LanguageServer.Tests.Models;

/// <summary>The real `llamacode serve` with `modelPath` at a file that ends llama.cpp: it answers, says why once, and stays up.</summary>
[Collection(HostileCorpusCollection.Name)]
public sealed class HostileModelServerTests(HostileCorpusFixture corpus)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");

    [Theory]
    // corpus case → what the one message says
    [InlineData("w-i32-weights", "has type I32, which no model weight can have")]        // a managed check refuses it
    [InlineData("tok-duplicate-texts", "tokens 300 and 301 have the same text")]
    [InlineData("w-nan-weights", "the model gives non-finite logits")]                  // the probe child finds it
    public async Task The_server_answers_reports_the_reason_once_and_stays_up(string caseName, string reason)
    {
        var shown = new ConcurrentQueue<(int Type, string Message)>();
        using var server = await ServerProcess.StartAsync(Executable, corpus.PathOf(caseName), onShowMessage: (type, message) => shown.Enqueue((type, message)),
            environment: new Dictionary<string, string> { [ProbeVerdictCache.FolderEnvironmentVariable] = corpus.NewProbeCache() });
        await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
        {
            textDocument = new { uri = "file:///a.cs", languageId = "csharp", version = 1, text = "class A\n{\n    int B() => \n}\n" },
        });

        for (int i = 0; i < 3; i++)
        {
            var result = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
            {
                textDocument = new { uri = "file:///a.cs" }, position = new { line = 2, character = 15 }, context = new { triggerKind = 1 },
            }).WaitAsync(TestLimits.MachineBound);
            Assert.Empty(result.GetProperty("items").EnumerateArray());
        }
        await TestWait.Until(() => !shown.IsEmpty);
        await Task.Delay(500);

        var message = Assert.Single(shown);
        Assert.Equal(1, message.Type);
        Assert.Contains(reason, message.Message);
        Assert.DoesNotContain('\n', message.Message);
        Assert.False(server.Process.HasExited);
        Assert.Equal(0, await server.ShutdownAsync());
    }
}
