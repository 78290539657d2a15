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
    private WorkspaceContext(WorkspaceFiles files, RepositoryIndex index, CSharpWorkspace csharp)
    {
        Files = files;
        Index = index;
        CSharp = csharp;
        Symbols = new CSharpSymbolContext(csharp);
        // Compiler stubs first (most precise), then index snippets: what completion uses.
        Default = new CombinedContextSource([new SymbolContextSource(Symbols), new IndexContextSource(Index)]);
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
    /// Indexes the workspace and loads its C# project graph, and returns once both are done. No project is compiled
    /// here: a project's compilation and type catalog are built when a request (or <see cref="PrepareAsync"/>) first
    /// needs them, for it and the projects it references only, so memory follows what is used, not the repository.
    /// </summary>
    /// <param name="csharp">which loader builds the C# solution; notes on the way go to its log</param>
    /// <param name="indexCachePath">the on-disk index cache (see <see cref="IndexCache"/>), or null for none</param>
    public static async Task<WorkspaceContext> LoadAsync(WorkspaceFiles files, CSharpLoadOptions csharp, IProgress<WorkspaceLoadProgress>? progress,
        CancellationToken cancellationToken, string? indexCachePath = null)
    {
        var context = await StartAsync(files, csharp, progress, cancellationToken, indexCachePath).ConfigureAwait(false);
        await context.IndexReady.ConfigureAwait(false);
        return context;
    }

    /// <summary>
    /// Loads the C# project graph and returns, the index still building in the background (<see cref="IndexReady"/>;
    /// searches meanwhile see the files indexed so far): what a server does, so that the first request need not wait
    /// for the whole repository.
    /// </summary>
    public static async Task<WorkspaceContext> StartAsync(WorkspaceFiles files, CSharpLoadOptions csharp, IProgress<WorkspaceLoadProgress>? progress,
        CancellationToken cancellationToken, string? indexCachePath = null)
    {
        var index = new RepositoryIndex(files, new RepositoryIndexOptions { CachePath = indexCachePath, Log = csharp.Log ?? ContextDiagnostics.Report });
        var indexing = index.BuildAsync(progress is null ? null : new Progress<IndexProgress>(p => progress.Report(new("indexing", p.FilesDone, p.FilesTotal))), cancellationToken);
        var csharpProgress = progress is null ? null : new Progress<CSharpLoadProgress>(p => progress.Report(new($"C# {p.Stage}", p.Done, p.Total)));
        var workspace = await CSharpWorkspaceLoader.LoadAsync(files, csharp, csharpProgress, cancellationToken).ConfigureAwait(false);
        return new WorkspaceContext(files, index, workspace) { IndexReady = indexing };
    }

    /// <summary>Completes when the repository index has read every file (faults when indexing failed).</summary>
    public Task IndexReady { get; private init; } = Task.CompletedTask;

    /// <summary>
    /// Compiles the project of <paramref name="relativePath"/> and the projects it references, and catalogs their
    /// types, so that the first request in that document does not pay for it (an editor opened it).
    /// </summary>
    public Task PrepareAsync(string relativePath, CancellationToken cancellationToken = default) =>
        Symbols.PrepareAsync(relativePath, cancellationToken);

    /// <summary>Compiles and catalogs every project, as a workspace whose every project will be used (benchmarks).</summary>
    public async Task WarmUpAllAsync(IProgress<WorkspaceLoadProgress>? progress, CancellationToken cancellationToken)
    {
        var csharpProgress = progress is null ? null : new Progress<CSharpLoadProgress>(p => progress.Report(new($"C# {p.Stage}", p.Done, p.Total)));
        await CSharp.WarmUpAsync(csharpProgress, cancellationToken).ConfigureAwait(false);
        await Symbols.WarmUpAsync(csharpProgress, cancellationToken).ConfigureAwait(false);
    }

    public string Describe() =>
        $"{Index.Stats.Files} files indexed ({Index.Stats.Chunks} chunks), {CSharp.Solution.Projects.Count()} C# projects ({CSharp.LoadedBy}), {CSharp.DocumentCount} C# documents";

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
        if (kind == RecencyKind.Opened) PrepareInBackground(relativePath);
        lock (_pendingGate)
        {
            _pendingIndexTexts[relativePath] = text;
            if (_draining) return;
            _draining = true;
            _indexUpdates = Task.Run(DrainIndexUpdates);
        }
    }

    // An opened document's projects are compiled before its first request asks (at most once per project version).
    private void PrepareInBackground(string relativePath) => _ = Task.Run(async () =>
    {
        try { await PrepareAsync(relativePath).ConfigureAwait(false); }
        catch (Exception e) { ContextDiagnostics.Report($"could not prepare the projects of {relativePath}: {e.GetType().Name}: {e.Message}"); }
    });

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
