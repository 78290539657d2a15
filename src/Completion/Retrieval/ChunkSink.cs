using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.Retrieval;

/// <summary>Collects the chunks of one file from line ranges; splits long ranges and drops ranges without terms.</summary>
internal sealed class ChunkSink(string path, SourceText text, ChunkingOptions options)
{
    private readonly List<CodeChunk> chunks = [];

    public IReadOnlyList<CodeChunk> Chunks => chunks;
    public SourceText Text => text;
    public ChunkingOptions Options => options;

    /// <summary>One syntactic unit: one chunk, or overlapping windows of it when it is longer than the limit.</summary>
    public void AddUnit(int startLine, int endLine)
    {
        if (endLine - startLine + 1 > options.MaxChunkLines)
            AddWindows(startLine, endLine, options.LongChunkWindowLines, options.LongChunkWindowStep);
        else
            AddExact(startLine, endLine);
    }

    /// <summary>Windows of <paramref name="size"/> lines, <paramref name="step"/> apart, covering the range; the last one ends at <paramref name="endLine"/>.</summary>
    public void AddWindows(int startLine, int endLine, int size, int step)
    {
        for (int start = startLine; ; start += step)
        {
            int end = Math.Min(start + size - 1, endLine);
            AddExact(start, end);
            if (end >= endLine) break;
        }
    }

    private void AddExact(int startLine, int endLine)
    {
        if (endLine < startLine) return;
        var lines = text.Lines;
        var span = TextSpan.FromBounds(lines[startLine].Start, lines[endLine].End);
        var chunk = new CodeChunk(path, startLine, endLine, text.ToString(span));
        // A range of braces and blank lines has nothing to be found by.
        if (chunk.Terms.Count > 0) chunks.Add(chunk);
    }
}
