using LlamaCode.LanguageServer.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// One inline request per document at a time: a newer request supersedes the older one, which then answers
/// RequestCancelled, or ContentModified when the document changed in between.
/// </summary>
public sealed class InlineRequestTracker
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Pending Start(string uri, string text, CancellationToken clientToken)
    {
        var pending = new Pending(text, CancellationTokenSource.CreateLinkedTokenSource(clientToken));
        lock (_gate)
        {
            if (_pending.Remove(uri, out var older))
                older.Supersede(ReferenceEquals(older.Text, text) || older.Text == text ? ErrorCodes.RequestCancelled : ErrorCodes.ContentModified);
            _pending[uri] = pending;
        }
        return pending;
    }

    public void Finish(string uri, Pending pending)
    {
        lock (_gate)
            if (_pending.TryGetValue(uri, out var current) && ReferenceEquals(current, pending)) _pending.Remove(uri);
        pending.Dispose();
    }

    public sealed class Pending(string text, CancellationTokenSource cts) : IDisposable
    {
        public string Text { get; } = text;
        public CancellationToken Token => cts.Token;

        /// <summary>The error code to answer with when a newer request superseded this one; null otherwise.</summary>
        public int? SupersededWith { get; private set; }

        internal void Supersede(int code)
        {
            SupersededWith = code;
            try { cts.Cancel(); } catch (ObjectDisposedException) { }
        }

        public void Dispose() => cts.Dispose();
    }
}
