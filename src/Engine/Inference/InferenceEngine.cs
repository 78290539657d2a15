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
    // Background work (explain, review) waits here; the engine thread takes it only when no interactive work waits.
    private readonly Channel<WorkItem> _background = Channel.CreateUnbounded<WorkItem>(); // (Count needs a multi-reader channel)
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
        Enqueue(item, request.Priority);
        return new Generation(item.Pieces.Reader, item.Completion.Task, cancellationToken);
    }

    /// <summary>
    /// Decodes a prompt (reusing the cache) and returns the logits of its last token. <paramref name="onProgress"/> hears,
    /// on the engine thread after each batch, how many prompt tokens are cached so far: keep it short.
    /// </summary>
    public Task<PrefillResult> PrefillAsync(IReadOnlyList<Token> prompt, CancellationToken cancellationToken = default, Action<int>? onProgress = null,
        EnginePriority priority = EnginePriority.Interactive)
    {
        var item = new PrefillWork(prompt, cancellationToken, onProgress);
        Enqueue(item, priority);
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

    private void Enqueue(WorkItem item, EnginePriority priority)
    {
        var queue = priority == EnginePriority.Background ? _background : _queue;
        if (!queue.Writer.TryWrite(item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
        // Wake the engine thread, which waits on the interactive queue, for background work too.
        if (priority == EnginePriority.Background) _queue.Writer.TryWrite(WakeUp.Instance);
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
            {
                while (reader.TryRead(out var item))
                    if (item is not WakeUp) _worker.Execute(item);
                // One background item at a time, then interactive work that arrived meanwhile goes first.
                if (_background.Reader.TryRead(out var background))
                {
                    _worker.Execute(background);
                    if (_background.Reader.Count > 0) _queue.Writer.TryWrite(WakeUp.Instance);
                }
            }
        }
    }

    public void Dispose()
    {
        _background.Writer.TryComplete();
        _queue.Writer.TryComplete();
        if (_thread.IsAlive) _thread.Join();
        while (_queue.Reader.TryRead(out var item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
        while (_background.Reader.TryRead(out var item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
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

/// <summary>Only wakes the engine thread (background work was queued).</summary>
internal sealed class WakeUp() : WorkItem(CancellationToken.None)
{
    public static readonly WakeUp Instance = new();
    public override void Fail(Exception error) { }
    public override void Cancel() { }
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
