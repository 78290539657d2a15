using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Context;

/// <summary>Progress of loading a workspace's context: which part, how far.</summary>
public sealed record WorkspaceLoadProgress(string Stage, int Done, int Total);

/// <summary>
/// Everything that finds context in one workspace folder: the repository index (all text files) and the C#
/// workspace (Roslyn) with its symbol context, kept up to date from editor events. The completion server,
/// <c>llamacode complete</c>, <c>llamacode prompt</c> and the benchmarks all build it, and its sources, here.
/// </summary>
public sealed class WorkspaceContext
{
    /// <summary>Compiler stubs first (most precise), then index snippets: what completion uses.</summary>
    public const string DefaultSourceName = "symbols+bm25";

    /// <summary>The context sources by name, for benchmarks and inspection.</summary>
    public static readonly IReadOnlyList<string> SourceNames = ["jaccard", "bm25", "symbols", DefaultSourceName];

    private WorkspaceContext(WorkspaceFiles files, RepositoryIndex index, CSharpWorkspace csharp)
    {
        Files = files;
        Index = index;
        CSharp = csharp;
        Symbols = new CSharpSymbolContext(csharp);
        Default = Source(DefaultSourceName);
        Typing = new StableContextSource(Default);
    }

    public WorkspaceFiles Files { get; }
    public RepositoryIndex Index { get; }
    public CSharpWorkspace CSharp { get; }
    public CSharpSymbolContext Symbols { get; }

    /// <summary>The source completion uses.</summary>
    public IContextSource Default { get; }

    /// <summary>The default source with each document's context held while the user types there (the server's keystrokes).</summary>
    public IContextSource Typing { get; }

    /// <summary>
    /// Indexes the workspace and loads its C# code (in parallel), then compiles declarations and catalogs each
    /// project's types once, so that the first request in a project does not pay for it.
    /// </summary>
    /// <param name="csharp">which loader builds the C# solution; notes on the way go to its log</param>
    public static async Task<WorkspaceContext> LoadAsync(WorkspaceFiles files, CSharpLoadOptions csharp, IProgress<WorkspaceLoadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var index = new RepositoryIndex(files);
        var indexing = index.BuildAsync(progress is null ? null : new Progress<IndexProgress>(p => progress.Report(new("indexing", p.FilesDone, p.FilesTotal))), cancellationToken);
        var csharpProgress = progress is null ? null : new Progress<CSharpLoadProgress>(p => progress.Report(new($"C# {p.Stage}", p.Done, p.Total)));
        var workspace = await CSharpWorkspaceLoader.LoadAsync(files, csharp, csharpProgress, cancellationToken).ConfigureAwait(false);
        await workspace.WarmUpAsync(csharpProgress, cancellationToken).ConfigureAwait(false);
        var context = new WorkspaceContext(files, index, workspace);
        await context.Symbols.WarmUpAsync(csharpProgress, cancellationToken).ConfigureAwait(false);
        await indexing.ConfigureAwait(false);
        return context;
    }

    public string Describe() =>
        $"{Index.Stats.Files} files indexed ({Index.Stats.Chunks} chunks), {CSharp.Solution.Projects.Count()} C# projects ({CSharp.LoadedBy}), {CSharp.DocumentCount} C# documents";

    public IContextSource Source(string name) => name switch
    {
        "symbols" => new SymbolContextSource(Symbols),
        "bm25" => new IndexContextSource(Index),
        "jaccard" => new JaccardContextSource(Index),
        DefaultSourceName => new CombinedContextSource([new SymbolContextSource(Symbols), new IndexContextSource(Index)]),
        _ => throw new ArgumentException($"unknown context source '{name}' (known: {string.Join(", ", SourceNames)})", nameof(name)),
    };

    /// <summary>The workspace-relative path of a file, or null when it is outside the workspace.</summary>
    public string? RelativePath(string fullPath) => Files.ToRelative(fullPath);

    private readonly object _pendingGate = new();
    private readonly Dictionary<string, string> _pendingIndexTexts = new(StringComparer.Ordinal);
    private bool _draining;
    private Task _indexUpdates = Task.CompletedTask;

    /// <summary>Completes when the index has taken every edit given so far.</summary>
    public Task IndexUpdates { get { lock (_pendingGate) return _indexUpdates; } }

    /// <summary>
    /// An editor opened or changed a document: its text is the truth now. The Roslyn solution takes it at once (a
    /// text swap; parsing is lazy). Re-chunking the file for the index costs 10–30 ms for a large file, too much for
    /// every keystroke on the thread that orders requests, so it runs in the background, only the latest text per file.
    /// The index never serves a file's own chunks to that file, so a moment's lag costs nothing.
    /// </summary>
    public void UpdateDocument(string relativePath, string text, RecencyKind kind)
    {
        Index.MarkRecent(relativePath, kind);
        CSharp.UpdateDocument(relativePath, text);
        lock (_pendingGate)
        {
            _pendingIndexTexts[relativePath] = text;
            if (_draining) return;
            _draining = true;
            _indexUpdates = Task.Run(DrainIndexUpdates);
        }
    }

    private void DrainIndexUpdates()
    {
        while (true)
        {
            KeyValuePair<string, string>[] batch;
            lock (_pendingGate)
            {
                if (_pendingIndexTexts.Count == 0)
                {
                    _draining = false;
                    return;
                }
                batch = _pendingIndexTexts.ToArray();
                _pendingIndexTexts.Clear();
            }
            foreach (var (path, text) in batch)
            {
                try { Index.UpdateDocument(path, text); }
                catch (Exception e) { ContextDiagnostics.Report($"could not index {path}: {e.GetType().Name}: {e.Message}"); }
            }
        }
    }

    /// <summary>A file changed, appeared or disappeared on disk (a file watcher).</summary>
    public void RefreshFromDisk(string relativePath)
    {
        // The disk is newer than any editor text still waiting for the index.
        lock (_pendingGate) _pendingIndexTexts.Remove(relativePath);
        Index.RefreshFromDisk(relativePath);
        CSharp.RefreshFromDisk(relativePath);
    }
}
