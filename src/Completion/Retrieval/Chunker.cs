using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// Splits a file into retrievable chunks: C# by syntax (see <see cref="CSharpChunker"/>), any other text into
/// overlapping windows of lines.
/// </summary>
public static class Chunker
{
    public static IReadOnlyList<CodeChunk> Chunk(string path, string text, ChunkingOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ChunkingOptions();
        var source = SourceText.From(text);
        var sink = new ChunkSink(path, source, options);
        if (IsCSharp(path))
            CSharpChunker.Chunk(path, sink, cancellationToken);
        else if (source.Length > 0)
            sink.AddWindows(0, source.Lines.Count - 1, options.WindowLines, options.WindowStep);
        return sink.Chunks;
    }

    public static bool IsCSharp(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
}
