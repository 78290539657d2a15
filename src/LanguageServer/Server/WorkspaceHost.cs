using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// The workspace's context (repository index and C# symbols), loaded in the background from the workspace root
/// with work-done progress, and kept up to date from document and file events. Until it is loaded, completions
/// use the document alone; edits made meanwhile are applied once it is.
/// </summary>
public sealed class WorkspaceHost(IClientChannel client, ServerLog log)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Text, RecencyKind Kind)> _pending = new(StringComparer.Ordinal);
    private WorkspaceContext? _context;
    private WorkspaceFiles? _files;

    /// <summary>The loaded context, or null (no workspace folder, still loading, or failed).</summary>
    public WorkspaceContext? Context => Volatile.Read(ref _context);

    /// <summary>Starts loading the workspace at <paramref name="root"/> (a folder path); does nothing when there is none.</summary>
    public void Start(string? root, ProjectLoaderKind loader = ProjectLoaderKind.Auto)
    {
        if (root is null || !Directory.Exists(root)) return;
        _files = new WorkspaceFiles(root);
        _ = Task.Run(() => LoadAsync(_files, loader));
    }

    /// <summary>How long a completion waits for its project's first compilation before going on with index snippets only.</summary>
    public static readonly TimeSpan FirstCompileWait = TimeSpan.FromMilliseconds(300);

    private async Task LoadAsync(WorkspaceFiles files, ProjectLoaderKind loader)
    {
        IWorkDoneProgress? progress = null;
        try
        {
            progress = await client.BeginProgressAsync("LlamaCode", "Indexing the workspace").ConfigureAwait(false);
            var lastReport = DateTime.MinValue;
            var reporter = new Progress<WorkspaceLoadProgress>(p =>
            {
                if (progress is null || (DateTime.UtcNow - lastReport).TotalMilliseconds < 250 && p.Done != p.Total) return;
                lastReport = DateTime.UtcNow;
                _ = progress.ReportAsync($"{p.Stage} {p.Done}/{p.Total}");
            });
            // The context is usable once the project graph is loaded; the index goes on building (searches see what it has so
            // far) and each project compiles when a document of it is opened or first asked about.
            var context = await WorkspaceContext.StartAsync(files, new CSharpLoadOptions(loader, log.Info), reporter, CancellationToken.None,
                IndexCache.DefaultPathFor(files.Root)).ConfigureAwait(false);
            context.Symbols.CompileWait = FirstCompileWait;
            if (loader == ProjectLoaderKind.MSBuild && context.CSharp.FallbackReason is { } reason)
                log.Warn($"projectLoader is msbuild, but {reason}: C# projects were read from their project files");
            lock (_gate)
            {
                foreach (var (path, (text, kind)) in _pending) context.UpdateDocument(path, text, kind);
                _pending.Clear();
                Volatile.Write(ref _context, context);
            }
            await context.IndexReady.ConfigureAwait(false);
            log.Info($"workspace {files.Root}: {context.Describe()}");
            if (progress is not null) await progress.EndAsync("workspace indexed").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Error($"could not index the workspace {files.Root}: {e.GetType().Name}: {e.Message}");
            if (progress is not null) await progress.EndAsync("indexing failed").ConfigureAwait(false);
        }
    }

    /// <summary>The workspace-relative path of a document URI, or null when it is not a file inside the workspace.</summary>
    public string? RelativePath(string uri)
    {
        if (_files is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile) return null;
        return _files.ToRelative(parsed.LocalPath);
    }

    /// <summary>A document was opened, edited or saved in the editor.</summary>
    public void DocumentChanged(string uri, string text, RecencyKind kind)
    {
        if (RelativePath(uri) is not { } path) return;
        lock (_gate)
        {
            if (_context is { } context) context.UpdateDocument(path, text, kind);
            else if (_files is not null) _pending[path] = (text, kind);
        }
    }

    /// <summary>A file changed on disk (workspace/didChangeWatchedFiles).</summary>
    public void FileChanged(string uri)
    {
        if (RelativePath(uri) is not { } path) return;
        lock (_gate)
        {
            if (_context is { } context) context.RefreshFromDisk(path);
        }
    }
}
