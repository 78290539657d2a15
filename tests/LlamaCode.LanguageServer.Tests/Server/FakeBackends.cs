using LlamaCode.Completion;
using LlamaCode.Completion.Explain;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>A completion service that answers from a function of the request, and remembers what it was asked.</summary>
public sealed class ScriptedService(Func<CompletionRequest, CancellationToken, Task<string>> answer) : ICompletionService, IExplainService
{
    /// <summary>What explain streams, piece by piece.</summary>
    public string[] ExplainPieces { get; init; } = ["It ", "adds ", "one."];
    public List<ExplainRequest> ExplainRequests { get; } = [];

    public async Task<ExplainResult> ExplainAsync(ExplainRequest request, Action<string> onText, CancellationToken cancellationToken)
    {
        lock (ExplainRequests) ExplainRequests.Add(request);
        var text = "";
        foreach (var piece in ExplainPieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Delay(10, cancellationToken);
            text += piece;
            onText(text);
        }
        return new ExplainResult(text, null);
    }

    public List<CompletionRequest> Requests { get; } = [];
    private readonly SemaphoreSlim _entered = new(0);

    /// <summary>Returns once the service has been entered by one more request (the server picked it up).</summary>
    public async Task Entered()
    {
        if (!await _entered.WaitAsync(TestLimits.MachineBound)) throw new TimeoutException("no request reached the completion service");
    }

    public static ScriptedService Fixed(string completion) => new((_, _) => Task.FromResult(completion));

    /// <summary>Never answers: waits for cancellation, and records that it saw it.</summary>
    public static ScriptedService Blocking(TaskCompletionSource cancelled) => new(async (_, ct) =>
    {
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { cancelled.TrySetResult(); throw; }
        return "";
    });

    public async Task<CompletionResult> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        lock (Requests) Requests.Add(request);
        _entered.Release();
        var text = await answer(request, cancellationToken);
        return new CompletionResult(text, new CompletionStats(request.Text.Length, 0, request.Text.Length, text.Length, 1, 2));
    }
}

/// <summary>A backend whose load is scripted per model path.</summary>
public sealed class ScriptedBackend(Func<ModelSettings, CancellationToken, Task<ICompletionService>> load) : ICompletionBackend
{
    public int Loads;

    public static ScriptedBackend Serving(ICompletionService service) => new((_, _) => Task.FromResult(service));

    public Task<ICompletionService> LoadAsync(ModelSettings settings, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Loads);
        return load(settings, cancellationToken);
    }
}
