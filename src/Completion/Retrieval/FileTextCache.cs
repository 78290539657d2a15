using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// The last few files whose chunks a search returned, as text with line offsets, each checked against the content
/// hash it was indexed with: a search returns chunks of a few files, often the same ones from one keystroke to the next.
/// </summary>
internal sealed class FileTextCache(int capacity)
{
    private readonly object _gate = new();
    private readonly LinkedList<(string Path, ContentHash Hash, SourceText Text)> _entries = new();

    /// <summary>The text of <paramref name="path"/> with content <paramref name="hash"/>, loading it when not cached; null when <paramref name="load"/> finds it changed.</summary>
    public SourceText? Get(string path, ContentHash hash, Func<string?> load)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Path != path || node.Value.Hash != hash) continue;
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Text;
            }
        }
        if (load() is not { } text) return null;
        var source = SourceText.From(text);
        lock (_gate)
        {
            _entries.AddFirst((path, hash, source));
            while (_entries.Count > capacity) _entries.RemoveLast();
        }
        return source;
    }
}
