namespace LlamaCode.Completion;

/// <summary>A request that reached a model already being replaced; it is cancelled, not failed.</summary>
public sealed class ModelUnloadedException() : OperationCanceledException("the model was unloaded: a reload replaced it");

/// <summary>
/// Counts the requests using a model. <see cref="CloseAsync"/> refuses new ones (<see cref="ModelUnloadedException"/>)
/// and completes when the last one in flight has ended, so the model is freed only after every use of it.
/// </summary>
public sealed class ModelLeases
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private bool _closed;

    public int Active
    {
        get { lock (_gate) return _active; }
    }

    public Lease Acquire()
    {
        lock (_gate)
        {
            if (_closed) throw new ModelUnloadedException();
            _active++;
        }
        return new Lease(this);
    }

    public Task CloseAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (_active == 0) _drained.TrySetResult();
        }
        return _drained.Task;
    }

    private void Release()
    {
        lock (_gate)
        {
            _active--;
            if (_closed && _active == 0) _drained.TrySetResult();
        }
    }

    /// <summary>One request's hold on the model; dispose it once.</summary>
    public sealed class Lease(ModelLeases owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release();
        }
    }
}
