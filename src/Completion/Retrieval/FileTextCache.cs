using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// The last files whose chunks a search returned, as text with line offsets (a search returns chunks of a few files,
/// often the same ones from one keystroke to the next), up to a total size, so that a few large files cannot hold much.
/// </summary>
internal sealed class FileTextCache(int maxChars)
{
    private readonly object _gate = new();
    private readonly LinkedList<(string Path, ContentHash Hash, SourceText Text)> _entries = new();
    private long _chars;

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
            _chars += source.Length;
            while (_chars > maxChars && _entries.Count > 1)
            {
                _chars -= _entries.Last!.Value.Text.Length;
                _entries.RemoveLast();
            }
        }
        return source;
    }
}
