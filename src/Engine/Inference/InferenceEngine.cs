using System.Diagnostics;
using System.Threading.Channels;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>
/// In-process llama.cpp inference with a prefix (KV) cache. One dedicated thread owns the llama context;
/// requests reach it through a channel and are served one at a time, each reusing the longest cached prefix.
/// </summary>
public sealed class InferenceEngine : IAsyncDisposable, IDisposable
{
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;
    private readonly EngineOptions _options;
    private readonly LinkedList<GenerationStats> _recent = new();
    private readonly Lock _recentGate = new();
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EngineWorker? _worker;

    public LlamaModel Model { get; }

    /// <summary>Tokens one slot can hold (the context size).</summary>
    public int ContextSize { get; private set; }

    private InferenceEngine(LlamaModel model, EngineOptions options)
    {
        Model = model;
        _options = options;
        _thread = new Thread(Run) { IsBackground = true, Name = "llama-engine" };
    }

    /// <summary>Creates the context on the engine thread; throws what creating it threw.</summary>
    public static async Task<InferenceEngine> StartAsync(LlamaModel model, EngineOptions? options = null)
    {
        var engine = new InferenceEngine(model, options ?? new EngineOptions());
        engine._thread.Start();
        engine.ContextSize = await engine._started.Task.ConfigureAwait(false);
        return engine;
    }

    /// <summary>Queues a generation. Cancelling <paramref name="cancellationToken"/> aborts it within one micro-batch.</summary>
    public Generation Generate(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var item = new GenerateWork(request, cancellationToken);
        Enqueue(item);
        return new Generation(item.Pieces.Reader, item.Completion.Task, cancellationToken);
    }

    /// <summary>
    /// Decodes a prompt (reusing the cache) and returns the logits of its last token. <paramref name="onProgress"/> hears,
    /// on the engine thread after each batch, how many prompt tokens are cached so far: keep it short.
    /// </summary>
    public Task<PrefillResult> PrefillAsync(IReadOnlyList<Token> prompt, CancellationToken cancellationToken = default, Action<int>? onProgress = null)
    {
        var item = new PrefillWork(prompt, cancellationToken, onProgress);
        Enqueue(item);
        return item.Result.Task;
    }

    /// <summary>Stats of recent requests, oldest first.</summary>
    public IReadOnlyList<GenerationStats> RecentStats()
    {
        lock (_recentGate) return _recent.ToList();
    }

    internal void Record(GenerationStats stats)
    {
        lock (_recentGate)
        {
            _recent.AddLast(stats);
            while (_recent.Count > _options.StatsHistory) _recent.RemoveFirst();
        }
    }

    private void Enqueue(WorkItem item)
    {
        if (!_queue.Writer.TryWrite(item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
    }

    private void Run()
    {
        try
        {
            _worker = new EngineWorker(Model, _options, this);
            _started.SetResult(_worker.Session.ContextSize);
        }
        catch (Exception e)
        {
            _started.SetException(e);
            return;
        }
        using (_worker)
        {
            var reader = _queue.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (reader.TryRead(out var item))
                    _worker.Execute(item);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (_thread.IsAlive) _thread.Join();
        while (_queue.Reader.TryRead(out var item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A request waiting for the engine thread.</summary>
internal abstract class WorkItem(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();
    public abstract void Fail(Exception error);
    public abstract void Cancel();
}

internal sealed class GenerateWork(GenerationRequest request, CancellationToken ct) : WorkItem(ct)
{
    public GenerationRequest Request { get; } = request;
    public Channel<GeneratedPiece> Pieces { get; } = Channel.CreateUnbounded<GeneratedPiece>(new UnboundedChannelOptions { SingleWriter = true });
    public TaskCompletionSource<GenerationStats> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error)
    {
        Pieces.Writer.TryComplete(error);
        Completion.TrySetException(error);
    }

    public override void Cancel()
    {
        var error = new OperationCanceledException(CancellationToken);
        Pieces.Writer.TryComplete(error);
        Completion.TrySetCanceled(CancellationToken);
    }
}

internal sealed class PrefillWork(IReadOnlyList<Token> prompt, CancellationToken ct, Action<int>? onProgress) : WorkItem(ct)
{
    public IReadOnlyList<Token> Prompt { get; } = prompt;
    public Action<int>? OnProgress { get; } = onProgress;
    public TaskCompletionSource<PrefillResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public override void Fail(Exception error) => Result.TrySetException(error);
    public override void Cancel() => Result.TrySetCanceled(CancellationToken);
}
