using LlamaCode.Completion.Documents;
using LlamaCode.LanguageServer.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>An open document: its text and LSP version.</summary>
public sealed record OpenDocument(string Uri, int Version, string Text);

/// <summary>
/// The open documents. Mutated only by document notifications, which the connection applies one at a time and in order,
/// so a request always reads the text as of the notifications that came before it.
/// </summary>
public sealed class DocumentStore
{
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Open(string uri, int version, string text)
    {
        lock (_gate) _documents[uri] = new OpenDocument(uri, version, text);
    }

    public void Close(string uri)
    {
        lock (_gate) _documents.Remove(uri);
    }

    public OpenDocument? Get(string uri)
    {
        lock (_gate) return _documents.GetValueOrDefault(uri);
    }

    /// <summary>Applies changes in order (ranges in <paramref name="unit"/>); false when the document is not open.</summary>
    public bool Change(string uri, int version, IEnumerable<TextDocumentContentChangeEvent> changes, ColumnUnit unit)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(uri, out var doc)) return false;
            var text = doc.Text;
            foreach (var change in changes) text = Apply(text, change, unit);
            _documents[uri] = new OpenDocument(uri, version, text);
            return true;
        }
    }

    public static string Apply(string text, TextDocumentContentChangeEvent change, ColumnUnit unit)
    {
        if (change.Range is null) return change.Text;
        var start = TextPositions.ClampedOffset(text, change.Range.Start.Line, change.Range.Start.Character, unit);
        var end = TextPositions.ClampedOffset(text, change.Range.End.Line, change.Range.End.Character, unit);
        if (end < start) (start, end) = (end, start);
        return string.Concat(text.AsSpan(0, start), change.Text, text.AsSpan(end));
    }
}
