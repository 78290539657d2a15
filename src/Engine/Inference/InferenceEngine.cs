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
    // Preemption: the item the engine thread runs, and how many interactive items wait (both read across threads).
    private WorkItem? _running;
    private int _interactiveWaiting;
    private SpeculativePrefillWork? _speculative;
    private double _prefillTokensPerSecond;
    // Set by Stop: the engine thread starts nothing more, and what it runs is aborted.
    private volatile bool _stopping;

    /// <summary>True once <see cref="Stop"/> was called: work that starts now is aborted at once.</summary>
    internal bool IsStopping => _stopping;

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

    /// <summary>
    /// Prompt tokens per second this engine decodes, measured when it starts and then smoothed over real prefills:
    /// what a keystroke's prefill budget (<see cref="GenerationRequest.PrefillBudgetTokens"/>) is computed from.
    /// </summary>
    public double PrefillTokensPerSecond => Volatile.Read(ref _prefillTokensPerSecond);

    /// <summary>Prompt tokens this engine is expected to decode within <paramref name="target"/> (at least 1); null before any measurement.</summary>
    public int? PrefillTokensWithin(TimeSpan target) =>
        PrefillTokensPerSecond is var speed && speed > 0 ? (int)Math.Clamp(speed * target.TotalSeconds, 1, int.MaxValue) : null;

    internal void ObservePrefill(int tokens, TimeSpan elapsed)
    {
        // Short decodes say more about per-call overhead than about throughput.
        if (tokens < 32 || elapsed <= TimeSpan.Zero) return;
        var sample = tokens / elapsed.TotalSeconds;
        var old = PrefillTokensPerSecond;
        Volatile.Write(ref _prefillTokensPerSecond, old <= 0 ? sample : 0.7 * old + 0.3 * sample);
    }

    /// <summary>
    /// Completes when the latest background prefill (of a prompt a fallback answered) has finished or was replaced;
    /// at once when there is none.
    /// </summary>
    public Task BackgroundPrefillAsync() => Volatile.Read(ref _speculative)?.Finished ?? Task.CompletedTask;

    /// <summary>Queues a background prefill of <paramref name="prompt"/>, replacing one that has not finished.</summary>
    internal void Speculate(IReadOnlyList<Token> prompt, int avoidSlot)
    {
        var work = new SpeculativePrefillWork(prompt, avoidSlot);
        Interlocked.Exchange(ref _speculative, work)?.Supersede();
        Enqueue(work, EnginePriority.Background);
    }

    /// <summary>Puts a preempted background prefill back in the queue, unless a newer one replaced it.</summary>
    internal void Resume(SpeculativePrefillWork work)
    {
        if (Volatile.Read(ref _speculative) != work || !work.Rearm()) return;
        Enqueue(work, EnginePriority.Background);
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
        if (priority == EnginePriority.Interactive)
        {
            Interlocked.Increment(ref _interactiveWaiting);
            // A keystroke never waits for a background prefill: it stops before its next paced batch, keeping what it decoded.
            (Volatile.Read(ref _running) as SpeculativePrefillWork)?.Preempt();
        }
        if (!queue.Writer.TryWrite(item))
        {
            if (priority == EnginePriority.Interactive) Interlocked.Decrement(ref _interactiveWaiting);
            item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
        }
        // Wake the engine thread, which waits on the interactive queue, for background work too.
        if (priority == EnginePriority.Background) _queue.Writer.TryWrite(WakeUp.Instance);
    }

    private void Run()
    {
        try
        {
            _worker = new EngineWorker(Model, _options, this);
            _prefillTokensPerSecond = _worker.MeasurePrefillSpeed();
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
            while (!_stopping && reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (!_stopping && reader.TryRead(out var item))
                {
                    if (item is WakeUp) continue;
                    Interlocked.Decrement(ref _interactiveWaiting);
                    Volatile.Write(ref _running, item);
                    _worker.Execute(item);
                    Volatile.Write(ref _running, null);
                }
                // One background item at a time, then interactive work that arrived meanwhile goes first.
                if (!_stopping && _background.Reader.TryRead(out var background))
                {
                    Volatile.Write(ref _running, background);
                    // An interactive item queued between the read above and now preempts it at once (the enqueuer may
                    // not have seen it running yet).
                    if (Volatile.Read(ref _interactiveWaiting) > 0) (background as SpeculativePrefillWork)?.Preempt();
                    _worker.Execute(background);
                    Volatile.Write(ref _running, null);
                    if (_background.Reader.Count > 0) _queue.Writer.TryWrite(WakeUp.Instance);
                }
            }
            // Stopped: what was queued never starts.
            FailQueued();
        }
    }

    private void FailQueued()
    {
        while (_queue.Reader.TryRead(out var item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
        while (_background.Reader.TryRead(out var item)) item.Fail(new ObjectDisposedException(nameof(InferenceEngine)));
    }

    /// <summary>
    /// Ends all work at once, without waiting: queued work fails (<see cref="ObjectDisposedException"/>), the item running
    /// is aborted within one micro-batch (a generation ends cancelled), and nothing more is taken. For an exit, where no
    /// answer is wanted any more; <see cref="Dispose"/> then only waits for the engine thread.
    /// </summary>
    public void Stop()
    {
        _stopping = true;
        _background.Writer.TryComplete();
        _queue.Writer.TryComplete();
        switch (Volatile.Read(ref _running))
        {
            case SpeculativePrefillWork prefill: prefill.Preempt(); break;
            case not null: _worker?.Session.RequestAbort(); break;
        }
    }

    /// <summary>Stops the engine (<see cref="Stop"/>) and waits for its thread to end.</summary>
    public void Dispose()
    {
        Stop();
        if (_thread.IsAlive) _thread.Join();
        FailQueued();
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
    public virtual CancellationToken CancellationToken { get; } = cancellationToken;
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

/// <summary>
/// A background prefill of a prompt that a fallback answered. Interactive work preempts it (its token is cancelled and
/// re-armed when it goes back in the queue); a newer one supersedes it for good.
/// </summary>
internal sealed class SpeculativePrefillWork : WorkItem
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _preempt;
    private bool _superseded;

    public SpeculativePrefillWork(IReadOnlyList<Token> prompt, int avoidSlot) : this(prompt, avoidSlot, new CancellationTokenSource()) { }

    private SpeculativePrefillWork(IReadOnlyList<Token> prompt, int avoidSlot, CancellationTokenSource preempt) : base(preempt.Token)
    {
        Prompt = prompt;
        AvoidSlot = avoidSlot;
        _preempt = preempt;
    }

    public IReadOnlyList<Token> Prompt { get; }
    public int AvoidSlot { get; }
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Task Finished => _finished.Task;

    public override CancellationToken CancellationToken { get { lock (_gate) return _preempt.Token; } }

    public void Preempt()
    {
        lock (_gate) _preempt.Cancel();
    }

    /// <summary>A fresh token for the next run; false when superseded meanwhile.</summary>
    public bool Rearm()
    {
        lock (_gate)
        {
            if (_superseded) return false;
            _preempt.Dispose();
            _preempt = new CancellationTokenSource();
            return true;
        }
    }

    public void Supersede()
    {
        lock (_gate)
        {
            _superseded = true;
            _preempt.Cancel();
        }
        _finished.TrySetResult();
    }

    public void Done() => _finished.TrySetResult();

    public override void Fail(Exception error) => _finished.TrySetResult();

    // Cancelled before it ran: preempted (it is resumed when interactive work is done) or superseded.
    public override void Cancel()
    {
        bool superseded;
        lock (_gate) superseded = _superseded;
        if (superseded) _finished.TrySetResult();
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
