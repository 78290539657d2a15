using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Retrieval;

namespace LlamaCode.Completion.Context;

/// <summary>
/// Snippets of other files from the repository index (BM25 over identifiers, boosted by recency). The word being
/// typed at the cursor is not part of the query: with it, every keystroke would change the snippets and so the
/// prompt's cached start; once finished (a '.', '(' or space follows it) it counts.
/// </summary>
public sealed class IndexContextSource(RepositoryIndex index, int maxResults = 12) : IContextSource
{
    public string Name => "bm25";

    public Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
    {
        var chunks = index.Search(new RetrievalQuery(query.RelativePath, WithoutWordAtEnd(query.Prefix), query.Suffix), maxResults, cancellationToken);
        return Task.FromResult(ContextBlocks.FromChunks(chunks));
    }

    /// <summary><paramref name="prefix"/> without the identifier characters it ends with (the word being typed).</summary>
    public static string WithoutWordAtEnd(string prefix)
    {
        int end = prefix.Length;
        while (end > 0 && (char.IsLetterOrDigit(prefix[end - 1]) || prefix[end - 1] == '_')) end--;
        return end == prefix.Length ? prefix : prefix[..end];
    }
}

/// <summary>Context blocks of retrieved snippets, for every source of snippets.</summary>
public static class ContextBlocks
{
    // Snippets depend on the words around the cursor: the least stable context.
    private const double SnippetStability = 0.1;

    public static IReadOnlyList<ContextBlock> FromChunks(IEnumerable<RetrievedChunk> chunks) =>
        chunks.Select(c => new ContextBlock(c.Path, c.Text, SnippetStability, ContextBlock.SnippetKind)).ToList();
}
