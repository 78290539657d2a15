using LlamaCode.Completion.Context;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Retrieval;

namespace LlamaCode.DevTools.Evaluation;

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
