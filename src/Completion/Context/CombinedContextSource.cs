using LlamaCode.Completion.Prompting;

namespace LlamaCode.Completion.Context;

/// <summary>
/// Several sources in order of trust: all blocks of the first, then those of the next, and so on (the prompt
/// builder takes blocks in this order while they fit). Sources run concurrently; one that fails is left out
/// rather than failing the completion.
/// </summary>
public sealed class CombinedContextSource(IReadOnlyList<IContextSource> sources) : IContextSource
{
    public string Name => string.Join("+", sources.Select(s => s.Name));

    public IReadOnlyList<IContextSource> Sources => sources;

    public bool IsFillingIn(string relativePath) => sources.Any(s => s.IsFillingIn(relativePath));

    public async Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken)
    {
        var tasks = sources.Select(s => Safe(s, query, cancellationToken)).ToArray();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var blocks = new List<ContextBlock>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in results.SelectMany(r => r))
            if (seen.Add(block.Text)) blocks.Add(block);
        return blocks;
    }

    private static async Task<IReadOnlyList<ContextBlock>> Safe(IContextSource source, ContextQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await source.RetrieveAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            ContextDiagnostics.Report($"context source '{source.Name}' failed for {query.RelativePath}: {e.GetType().Name}: {e.Message}");
            return [];
        }
    }
}

/// <summary>Where context failures are reported (the server points this at its log; the default is stderr).</summary>
public static class ContextDiagnostics
{
    public static Action<string> Sink { get; set; } = message => Console.Error.WriteLine(message);

    public static void Report(string message) => Sink(message);
}
