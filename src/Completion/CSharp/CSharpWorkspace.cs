using System.Collections.Concurrent;
using LlamaCode.Completion.Workspace;
using LlamaCode.Completion.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>Progress of loading a C# workspace.</summary>
public sealed record CSharpLoadProgress(string Stage, int Done, int Total);

/// <summary>
/// The C# code of a workspace as a Roslyn solution, loaded by <see cref="CSharpWorkspaceLoader"/> (MSBuild or the
/// project-file reader) and kept current from edits. An edit replaces one document's text; Roslyn then reparses that
/// file only and reuses everything else (declarations of other files, compilations of projects that do not depend on it).
/// </summary>
/// <remarks>Snapshots are immutable; updates swap the current solution under a lock, readers never wait.</remarks>
public sealed class CSharpWorkspace
{
    private readonly object _gate = new();
    private readonly IReadOnlyDictionary<string, string> _projectByDir;
    // Read by requests while edits write it: concurrent.
    private readonly ConcurrentDictionary<string, DocumentId> _documentIdByFile;
    private readonly ProjectId? _looseProject;
    private Solution _solution;

    public CSharpWorkspace(WorkspaceFiles files, LoadedSolution loaded, string? fallbackReason = null)
    {
        _solution = loaded.Solution;
        _projectByDir = loaded.ProjectFileByDirectory;
        _documentIdByFile = new ConcurrentDictionary<string, DocumentId>(loaded.DocumentIdByFile, StringComparer.Ordinal);
        _looseProject = loaded.LooseProject;
        LoadedBy = loaded.LoadedBy;
        FallbackReason = fallbackReason;
        Files = files;
    }

    public WorkspaceFiles Files { get; }

    /// <summary>How the solution was loaded: "msbuild" or "project files".</summary>
    public string LoadedBy { get; }

    /// <summary>Why MSBuild was not used although it was asked for, or null.</summary>
    public string? FallbackReason { get; }

    /// <summary>The current snapshot.</summary>
    public Solution Solution => Volatile.Read(ref _solution);

    public int DocumentCount => Solution.Projects.Sum(p => p.DocumentIds.Count);

    /// <summary>A workspace of the given files (workspace-relative paths → text) and project files, by the project-file reader.</summary>
    public static CSharpWorkspace Create(WorkspaceFiles files, IReadOnlyDictionary<string, string> csFiles,
        IReadOnlyDictionary<string, string> projectFiles) =>
        new(files, ProjectFileSolution.Build(files, csFiles, projectFiles));

    /// <summary>The document of a workspace-relative path, in the current snapshot.</summary>
    public Document? GetDocument(string relativePath) => GetDocument(Solution, relativePath);

    private Document? GetDocument(Solution solution, string relativePath) =>
        _documentIdByFile.TryGetValue(relativePath, out var id) ? solution.GetDocument(id) : null;

    /// <summary>
    /// The project a file belongs to, by <see cref="ProjectLayout.OwnerOf"/>: the one whose project file is in the
    /// file's nearest folder, else the loose project (null when there is neither).
    /// </summary>
    public ProjectId? OwningProject(string relativePath)
    {
        var owner = ProjectLayout.OwnerOf(relativePath, _projectByDir);
        if (owner is null) return _looseProject;
        var projectFile = Path.Combine(Files.Root, owner);
        return Solution.Projects.FirstOrDefault(p => p.FilePath == projectFile)?.Id;
    }

    /// <summary>Sets a document's text (an editor's didOpen/didChange/didSave), adding the file if it is new.</summary>
    public void UpdateDocument(string relativePath, string text)
    {
        if (!relativePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || ProjectLayout.IsBuildOutput(relativePath)) return;
        lock (_gate)
        {
            if (GetDocument(_solution, relativePath) is { } document)
            {
                // As an edit of the text it had: the next compilation reparses only around it.
                var before = document.TryGetText(out var known) ? known : null;
                Volatile.Write(ref _solution, _solution.WithDocumentText(document.Id, before is null ? SourceText.From(text) : SingleEdit.Apply(before, text),
                    PreservationMode.PreserveIdentity));
                return;
            }
            // A new loose file in a workspace that had none: it still completes, without a project.
            if (OwningProject(relativePath) is not { } projectId) return;
            var id = DocumentId.CreateNewId(projectId, relativePath);
            Volatile.Write(ref _solution, _solution.AddDocument(id, relativePath, SourceText.From(text), filePath: relativePath));
            _documentIdByFile[relativePath] = id;
        }
    }

    /// <summary>Removes a deleted file.</summary>
    public void RemoveDocument(string relativePath)
    {
        lock (_gate)
        {
            if (GetDocument(_solution, relativePath) is not { } document) return;
            Volatile.Write(ref _solution, _solution.RemoveDocument(document.Id));
            _documentIdByFile.TryRemove(relativePath, out _);
        }
    }

    /// <summary>A file changed on disk (file watcher): re-reads it, or removes it when it is gone, ignored or not text.</summary>
    public void RefreshFromDisk(string relativePath)
    {
        var full = Files.TryResolve(relativePath);
        if (full is not null && File.Exists(full) && !Files.IsIgnored(relativePath)
            && TextFile.TryRead(full, Files.Options.MaxFileBytes, out var text) == SkipReason.None)
            UpdateDocument(relativePath, text);
        else
            RemoveDocument(relativePath);
    }

    /// <summary>Compiles every project's declarations once, so that the first request does not pay for it.</summary>
    public async Task WarmUpAsync(IProgress<CSharpLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var solution = Solution;
        var projects = solution.GetProjectDependencyGraph().GetTopologicallySortedProjects(cancellationToken).ToList();
        int done = 0;
        foreach (var id in projects)
        {
            var compilation = await solution.GetProject(id)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            // Forces the declaration tables (and the source assembly's namespace tree) to be built.
            _ = compilation?.Assembly.GlobalNamespace.GetMembers().Count();
            progress?.Report(new CSharpLoadProgress("compiling", ++done, projects.Count));
        }
    }
}
