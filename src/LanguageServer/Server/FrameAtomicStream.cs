namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// The protocol output, shared by StreamJsonRpc and <see cref="MessageFraming"/> (which answers messages StreamJsonRpc
/// never sees). Writes are buffered until a flush, and each flush goes out whole under one lock, so two writers can
/// never interleave the bytes of their messages.
/// </summary>
public sealed class FrameAtomicStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0) return;
        var bytes = _pending.ToArray();
        _pending.SetLength(0);
        await WriteWholeAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one complete message, never interleaved with another.</summary>
    public async Task WriteWholeAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
