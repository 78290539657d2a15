using LlamaCode.Completion.Explain;
using LlamaCode.Engine.Inference;
using LlamaCode.ModelGenerator;
using LlamaCode.ModelGenerator.Hostile;

namespace LlamaCode.Completion.Tests;

/// <summary>How long a loaded model lives: requests hold it through a reload, and a model that breaks is retired with its reason.</summary>
public sealed class ModelLifetimeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("llamacode-lifetime-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_reload_frees_the_model_only_after_the_request_in_flight_ends()
    {
        var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(DevModelSize.Tiny), new LocalEngineSettings { ContextSize = 1024, Slots = 1 });
        var streaming = new TaskCompletionSource();
        var release = new ManualResetEventSlim();
        const string text = "int Add(int a, int b) => a + b;\n";
        // The explanation blocks in its stream callback: the request is in flight, between two generated pieces.
        var explain = Task.Run(() => service.ExplainAsync(new ExplainRequest("a.cs", text, 0, text.Length, 6), _ =>
        {
            streaming.TrySetResult();
            release.Wait();
        }, CancellationToken.None));
        await streaming.Task.WaitAsync(TestLimits.MachineBound);

        var disposing = service.DisposeAsync().AsTask();
        await Task.Delay(300);
        Assert.False(disposing.IsCompleted, "the model was freed while a request still used it");
        // A request that arrives during the reload is cancelled, not run on a model being freed.
        await Assert.ThrowsAsync<ModelUnloadedException>(() => service.CompleteAsync(new CompletionRequest("a.cs", text, 5, new CompletionOptions { MaxTokens = 2 }), CancellationToken.None));

        release.Set();
        var result = await explain.WaitAsync(TestLimits.MachineBound);
        Assert.NotNull(result.Stats);
        await disposing.WaitAsync(TestLimits.MachineBound);
    }

    [Fact]
    public async Task Non_finite_logits_fail_the_request_with_the_reason_and_retire_the_model()
    {
        // NaN weights pass the managed checks (only the probe, which this load skips, decodes): generation meets the NaNs.
        var path = HostileCorpus.WriteAll(_folder, c => c.Name == "w-nan-weights").Single().Value;
        await using var service = await LocalCompletionService.LoadAsync(path, new LocalEngineSettings { ContextSize = 1024, Slots = 1 });
        var request = new CompletionRequest("a.cs", "var n = items.Cou;\n", 17, new CompletionOptions { MaxTokens = 4 });

        var first = await Assert.ThrowsAsync<ModelUnusableException>(() => service.CompleteAsync(request, CancellationToken.None));
        Assert.Contains("non-finite logits", first.Message);
        Assert.Equal(first.Message, service.UnusableReason);

        var next = await Assert.ThrowsAsync<ModelUnusableException>(() => service.CompleteAsync(request, CancellationToken.None));
        Assert.Equal(first.Message, next.Message);
    }
}
