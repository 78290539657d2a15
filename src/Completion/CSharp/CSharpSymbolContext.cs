using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LlamaCode.Completion.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// Symbol context for C# completion: given a document as the editor has it and a cursor, the stubs of the
/// repository types that matter there (see <see cref="CursorSymbols"/>). The request's text is bound as a fork of
/// the workspace's current snapshot, so other files' declarations and compilations are reused as they are.
/// </summary>
public sealed class CSharpSymbolContext
{
    private readonly CSharpWorkspace _workspace;
    private readonly SymbolContextOptions _options;
    // Per project: the catalog of the snapshot whose top-level declarations it was built from.
    private readonly ConcurrentDictionary<ProjectId, (VersionStamp Version, Task<TypeCatalog> Catalog)> _catalogs = new();

    public CSharpSymbolContext(CSharpWorkspace workspace, SymbolContextOptions? options = null)
    {
        _workspace = workspace;
        _options = options ?? new SymbolContextOptions();
    }

    public CSharpWorkspace Workspace => _workspace;

    /// <summary>
    /// How long a request waits for its project's compilation and catalog when they are not built yet (a server: the
    /// first request in a project of a large repository should not wait seconds for it); null waits until they are
    /// (the CLI, benchmarks: the same answer every time).
    /// </summary>
    public TimeSpan? CompileWait { get; set; }

    /// <summary>
    /// Projects that reach at most this many documents compile in well under a second once the compiler's code is
    /// compiled itself: requests always wait for them, except for the process's first compilation (Roslyn's assemblies
    /// are IL, and compiling them costs the first compilation a second or more of JIT on 2 cores).
    /// </summary>
    public int CompileAlwaysUpToDocuments { get; set; } = 300;

    // Each project's last catalog built: what a request that may not wait for a rebuild (after an edit to the
    // project's declarations) uses meanwhile, and whether a project's compilation is its first.
    private readonly ConcurrentDictionary<ProjectId, TypeCatalog> _lastBuilt = new();

    private bool CompilerWarm => !_lastBuilt.IsEmpty;

    // The builds one request has already waited for: the keystrokes after it do not wait for the same build again
    // (each would pay CompileWait while it goes on), they go on at once with what there is.
    private readonly ConditionalWeakTable<Task<TypeCatalog>, object> _waitedFor = new();

    private static int ReachableDocuments(Project project) =>
        project.DocumentIds.Count + project.Solution.GetProjectDependencyGraph()
            .GetProjectsThatThisProjectTransitivelyDependsOn(project.Id).Sum(id => project.Solution.GetProject(id)?.DocumentIds.Count ?? 0);

    /// <summary>
    /// The type stubs for a cursor at <paramref name="offset"/> (UTF-16) in <paramref name="text"/>, the content of
    /// the workspace-relative <paramref name="relativePath"/>; most relevant first. Empty for files the workspace
    /// does not know (not C#, or outside every project).
    /// </summary>
    public async Task<IReadOnlyList<TypeStub>> CollectAsync(string relativePath, string text, int offset, CancellationToken cancellationToken, int? maxChars = null)
    {
        if (!relativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) return [];
        var stored = _workspace.GetDocument(relativePath);
        // A file the workspace has not seen (new, unsaved) is bound in the project that would own it.
        var catalogProject = stored?.Project
                             ?? (_workspace.OwningProject(relativePath) is { } id ? _workspace.Solution.GetProject(id) : _workspace.Solution.Projects.FirstOrDefault());
        if (catalogProject is null) return [];
        TypeCatalog catalog;
        if (CompileWait is { } wait && (!CompilerWarm || ReachableDocuments(catalogProject) > CompileAlwaysUpToDocuments))
        {
            // The project's compilation goes on in the background; until it is done, requests use its last catalog, or
            // go without stubs when it has none (its first compilation).
            // Working out whether the catalog is current loads the project's texts the first time: not on this thread either.
            bool built = _catalogs.TryGetValue(catalogProject.Id, out var cached) && cached.Catalog.IsCompletedSuccessfully;
            var building = built ? CatalogAsync(catalogProject, CancellationToken.None) : Task.Run(() => CatalogAsync(catalogProject, CancellationToken.None));
            if (_catalogs.TryGetValue(catalogProject.Id, out var pending) && _waitedFor.TryGetValue(pending.Catalog, out _)) wait = TimeSpan.Zero;
            if (!building.IsCompleted && await Task.WhenAny(building, Task.Delay(wait, cancellationToken)).ConfigureAwait(false) != building)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_catalogs.TryGetValue(catalogProject.Id, out var waited)) _waitedFor.AddOrUpdate(waited.Catalog, waited.Catalog);
                if (!_lastBuilt.TryGetValue(catalogProject.Id, out var previous)) return [];
                catalog = previous;
            }
            else catalog = await building.ConfigureAwait(false);
        }
        else catalog = await CatalogAsync(catalogProject, cancellationToken).ConfigureAwait(false);
        var path = stored?.FilePath ?? relativePath;
        var forkBase = _forkBases.TryGetValue(catalogProject.Id, out var last) && last.Catalog == catalog && last.Path == path ? last : null;
        var (model, root) = (forkBase is null ? null : BindOn(forkBase.Compilation, forkBase.Tree, text, cancellationToken))
                            ?? (catalog.TreeAt(path) is { } catalogTree ? BindOn(catalog.Compilation, catalogTree, text, cancellationToken) : null)
                            ?? await BindInForkAsync(stored, catalogProject, catalog, path, text, cancellationToken).ConfigureAwait(false);
        Bindings.Count(model);
        return CursorSymbols.Collect(path, model, root, offset, catalog, _options, maxChars, cancellationToken);
    }

    /// <summary>How the requests so far were bound (for tests and benchmarks).</summary>
    public BindingCounts Bindings { get; } = new();

    // Per project: the compilation that the last request bound in a fork made (under which catalog, for which file). A
    // request forks when its text differs from the catalog's copy of the file in more than one body (in an editor, once
    // the user has edited two methods since the declarations last changed); the keystrokes after it differ from that
    // fork's text inside one body again, and are bound speculatively against it, whose symbols that request has bound.
    private readonly ConcurrentDictionary<ProjectId, ForkBase> _forkBases = new();

    private sealed record ForkBase(TypeCatalog Catalog, string Path, Compilation Compilation, SyntaxTree Tree);

    /// <summary>
    /// The request's text bound against <paramref name="compilation"/> (the catalog's, or a fork's that earlier
    /// requests bound): as it is when the text is that of <paramref name="baseTree"/>, or speculatively when the two
    /// differ inside one method body (see <see cref="CursorModel"/>); null otherwise.
    /// </summary>
    private static (CursorModel Model, SyntaxNode Root)? BindOn(Compilation compilation, SyntaxTree baseTree, string text, CancellationToken cancellationToken)
    {
        var baseText = baseTree.GetText(cancellationToken);
        var baseModel = compilation.GetSemanticModel(baseTree);
        var before = baseText.ToString();
        if (before == text) return (CursorModel.Of(baseModel), baseTree.GetRoot(cancellationToken));
        var edit = SingleEdit.Between(before, text);
        // Reparsed only around the edit.
        var root = baseTree.WithChangedText(baseText.WithChanges(edit)).GetRoot(cancellationToken);
        return CursorModel.TrySpeculative(baseModel, root, edit) is { } model ? (model, root) : null;
    }

    /// <summary>
    /// The request's text bound in a fork of the workspace's solution with it (a file it has not seen is added to its
    /// project), which the keystrokes after it may then be bound against.
    /// </summary>
    private async Task<(CursorModel Model, SyntaxNode Root)> BindInForkAsync(Document? stored, Project project, TypeCatalog catalog, string path, string text,
        CancellationToken cancellationToken)
    {
        Document document;
        if (stored is not null)
        {
            // The request's text as an edit of the workspace's copy: the fork reparses only around the edit.
            var current = await stored.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var requestText = SingleEdit.Apply(current, text);
            document = requestText == current
                ? stored
                : stored.Project.Solution.WithDocumentText(stored.Id, requestText, PreservationMode.PreserveIdentity).GetDocument(stored.Id)!;
        }
        else document = project.AddDocument(path, SourceText.From(text), filePath: path);
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        _forkBases[project.Id] = new ForkBase(catalog, path, model.Compilation, root.SyntaxTree);
        return (CursorModel.Of(model, forked: true), root);
    }

    /// <summary>
    /// Builds every project's type catalog, and the catalog type names and naming sites of each of its files, ahead of the first
    /// request in that project (each takes 50–200 ms on a project of a few hundred files).
    /// </summary>
    public async Task WarmUpAsync(IProgress<CSharpLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var projects = _workspace.Solution.Projects.ToList();
        int done = 0;
        foreach (var project in projects)
        {
            var catalog = await CatalogAsync(project, cancellationToken).ConfigureAwait(false);
            foreach (var tree in catalog.Compilation.SyntaxTrees)
            {
                catalog.TypeNamesIn(tree, cancellationToken);
                NamingSites.Of(tree, cancellationToken);
            }
            progress?.Report(new CSharpLoadProgress("cataloguing types", ++done, projects.Count));
        }
    }

    /// <summary>
    /// Builds the type catalog of the project that owns <paramref name="relativePath"/> (compiling it and the projects
    /// it references, no others), and the catalog type names of its files, ahead of the first request there.
    /// </summary>
    public async Task PrepareAsync(string relativePath, CancellationToken cancellationToken = default)
    {
        if (!relativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) return;
        var project = _workspace.GetDocument(relativePath)?.Project
                      ?? (_workspace.OwningProject(relativePath) is { } id ? _workspace.Solution.GetProject(id) : null);
        if (project is null) return;
        var catalog = await CatalogAsync(project, cancellationToken).ConfigureAwait(false);
        foreach (var tree in catalog.Compilation.SyntaxTrees) catalog.TypeNamesIn(tree, cancellationToken);
    }

    /// <summary>
    /// Whether the project of <paramref name="relativePath"/> is compiling for its first catalog (requests meanwhile go
    /// without stubs). A rebuild after an edit is not: requests meanwhile use the previous catalog.
    /// </summary>
    public bool IsCompiling(string relativePath)
    {
        var project = _workspace.GetDocument(relativePath)?.Project.Id ?? _workspace.OwningProject(relativePath);
        return project is not null && _catalogs.TryGetValue(project, out var cached) && !cached.Catalog.IsCompleted && !_lastBuilt.ContainsKey(project);
    }

    private async Task<TypeCatalog> CatalogAsync(Project project, CancellationToken cancellationToken)
    {
        var version = await project.GetDependentSemanticVersionAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (_catalogs.TryGetValue(project.Id, out var cached) && cached.Version == version && !cached.Catalog.IsFaulted && !cached.Catalog.IsCanceled)
                return await cached.Catalog.WaitAsync(cancellationToken).ConfigureAwait(false);
            // On a thread of its own: a request that may not wait for it (CompileWait) returns while it goes on.
            var fresh = (version, Task.Run(async () =>
            {
                var built = await TypeCatalog.BuildAsync(project, CancellationToken.None).ConfigureAwait(false);
                _lastBuilt[project.Id] = built;
                return built;
            }));
            if (cached.Catalog is null ? _catalogs.TryAdd(project.Id, fresh) : _catalogs.TryUpdate(project.Id, fresh, cached))
                return await fresh.Item2.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>How many requests were bound as saved, speculatively (against the catalog's compilation or a fork's), or in a fork of their own.</summary>
public sealed class BindingCounts
{
    private int _asSaved, _speculative, _forked;

    public int AsSaved => Volatile.Read(ref _asSaved);
    public int Speculative => Volatile.Read(ref _speculative);
    public int Forked => Volatile.Read(ref _forked);

    internal void Count(CursorModel model) =>
        Interlocked.Increment(ref model.IsSpeculative ? ref _speculative : ref model.IsForked ? ref _forked : ref _asSaved);
}
