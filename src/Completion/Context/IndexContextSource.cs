using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Retrieval;

namespace LlamaCode.Completion.Context;

/// <summary>Snippets of other files from the repository index (BM25 over identifiers, boosted by recency).</summary>
public sealed class IndexContextSource(RepositoryIndex index, int maxResults = 12) : IContextSource
{
    public string Name => "bm25";

    public Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
    {
        var chunks = index.Search(new RetrievalQuery(query.RelativePath, query.Prefix, query.Suffix), maxResults, cancellationToken);
        return Task.FromResult(ContextBlocks.FromChunks(chunks));
    }
}

/// <summary>
/// The Copilot / llama.vscode baseline: 20-line windows of other files most similar (Jaccard) to the 20 lines
/// before the cursor. For benchmarks; it scans every file per request.
/// </summary>
public sealed class JaccardContextSource(RepositoryIndex index, JaccardWindowRetriever? retriever = null) : IContextSource
{
    private readonly JaccardWindowRetriever _retriever = retriever ?? new JaccardWindowRetriever();

    public string Name => "jaccard";

    public Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
    {
        var chunks = _retriever.Retrieve(new RetrievalQuery(query.RelativePath, query.Prefix, query.Suffix), index.IndexedFiles(), cancellationToken);
        return Task.FromResult(ContextBlocks.FromChunks(chunks));
    }
}

internal static class ContextBlocks
{
    // Snippets depend on the words around the cursor: the least stable context.
    private const double SnippetStability = 0.1;

    public static IReadOnlyList<ContextBlock> FromChunks(IEnumerable<RetrievedChunk> chunks) =>
        chunks.Select(c => new ContextBlock(c.Path, c.Text, SnippetStability, ContextBlock.SnippetKind)).ToList();
}
