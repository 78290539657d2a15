using System.Collections.Concurrent;
using LlamaCode.Completion.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>Progress of loading a C# workspace.</summary>
public sealed record CSharpLoadProgress(string Stage, int Done, int Total);

/// <summary>
/// The C# code of a workspace as a Roslyn solution: one project per project file (see <see cref="ProjectLayout"/>),
/// each compiled against .NET's reference assemblies and the projects it references. Nothing is evaluated or
/// executed. Edits replace one document's text; Roslyn then reparses that file only and reuses everything else
/// (declarations of other files, compilations of projects that do not depend on it).
/// </summary>
/// <remarks>Snapshots are immutable; updates swap the current solution under a lock, readers never wait.</remarks>
public sealed class CSharpWorkspace
{
    // Conditional-compilation symbols of a modern .NET target, so that #if NET… code is the code that binds.
    private static readonly string[] PreprocessorSymbols =
    [
        "NET", "NETCOREAPP", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER",
        "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER", "NET10_0", "RELEASE",
    ];

    private readonly object _gate = new();
    private readonly IReadOnlyDictionary<string, string> _projectByDir;
    // Read by requests while edits write it: concurrent.
    private readonly ConcurrentDictionary<string, DocumentId> _documentIdByFile;
    private readonly ProjectId? _looseProject;
    private Solution _solution;

    private CSharpWorkspace(Solution solution, IReadOnlyDictionary<string, string> projectByDir,
        IDictionary<string, DocumentId> documentIds, ProjectId? looseProject, WorkspaceFiles files)
    {
        _solution = solution;
        _projectByDir = projectByDir;
        _documentIdByFile = new ConcurrentDictionary<string, DocumentId>(documentIds, StringComparer.Ordinal);
        _looseProject = looseProject;
        Files = files;
    }

    public WorkspaceFiles Files { get; }

    /// <summary>The current snapshot.</summary>
    public Solution Solution => Volatile.Read(ref _solution);

    public int DocumentCount => Solution.Projects.Sum(p => p.DocumentIds.Count);

    /// <summary>Reads the workspace's .cs and .csproj files (respecting .gitignore) and builds the solution.</summary>
    public static Task<CSharpWorkspace> LoadAsync(WorkspaceFiles files, IProgress<CSharpLoadProgress>? progress = null,
        CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        var paths = files.EnumerateRelativePaths().ToList();
        var projectFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)))
            if (TextFile.TryRead(files.TryResolve(path)!, files.Options.MaxFileBytes, out var text) == SkipReason.None)
                projectFiles[path] = text;
        var csFiles = paths.Where(p => p.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        int done = 0;
        foreach (var path in csFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TextFile.TryRead(files.TryResolve(path)!, files.Options.MaxFileBytes, out var text) == SkipReason.None) texts[path] = text;
            if (++done % 100 == 0) progress?.Report(new CSharpLoadProgress("reading", done, csFiles.Count));
        }
        progress?.Report(new CSharpLoadProgress("reading", csFiles.Count, csFiles.Count));
        return Create(files, texts, projectFiles);
    }, cancellationToken);

    /// <summary>A workspace of the given files (workspace-relative paths → text) and project files.</summary>
    public static CSharpWorkspace Create(WorkspaceFiles files, IReadOnlyDictionary<string, string> csFiles,
        IReadOnlyDictionary<string, string> projectFiles)
    {
        var shapes = ProjectLayout.Plan(csFiles.Keys, projectFiles);
        var solution = new AdhocWorkspace(MefHostServices.DefaultHost).CurrentSolution;
        var ids = shapes.ToDictionary(s => s.ProjectFile ?? ProjectLayout.LooseProjectName, s => ProjectId.CreateNewId(s.Name));
        var documentIdByFile = new Dictionary<string, DocumentId>(StringComparer.Ordinal);
        var parseOptions = AdhocCompilation.ParseOptions.WithPreprocessorSymbols(PreprocessorSymbols);
        foreach (var shape in shapes)
        {
            var id = ids[shape.ProjectFile ?? ProjectLayout.LooseProjectName];
            solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Default, shape.Name, shape.Name, LanguageNames.CSharp,
                filePath: shape.ProjectFile is null ? null : Path.Combine(files.Root, shape.ProjectFile),
                compilationOptions: AdhocCompilation.CompilationOptions, parseOptions: parseOptions,
                metadataReferences: AdhocCompilation.FrameworkReferences));
            foreach (var path in shape.Documents)
            {
                var documentId = DocumentId.CreateNewId(id, path);
                solution = solution.AddDocument(documentId, path, SourceText.From(csFiles[path]), filePath: path);
                documentIdByFile[path] = documentId;
            }
            var usings = (shape.ImplicitUsings ? AdhocCompilation.SdkImplicitUsings : []).Concat(shape.GlobalUsings).Distinct().ToList();
            if (usings.Count > 0)
                solution = solution.AddDocument(DocumentId.CreateNewId(id), AdhocCompilation.ImplicitUsingsPath,
                    SourceText.From(AdhocCompilation.GlobalUsingsSource(usings)), filePath: AdhocCompilation.ImplicitUsingsPath);
        }
        // Project references, transitive as MSBuild makes them, skipping any that would close a cycle (Roslyn refuses those).
        var direct = shapes.ToDictionary(s => ids[s.ProjectFile ?? ProjectLayout.LooseProjectName], s => s.ProjectReferences.Select(r => ids[r]).ToList());
        foreach (var (from, _) in direct)
        {
            var closure = new List<ProjectId>();
            var stack = new Stack<ProjectId>(direct[from]);
            while (stack.Count > 0)
            {
                var to = stack.Pop();
                if (to == from || closure.Contains(to)) continue;
                closure.Add(to);
                foreach (var next in direct[to]) stack.Push(next);
            }
            foreach (var to in closure)
                if (!Reaches(solution, to, from)) solution = solution.AddProjectReference(from, new ProjectReference(to));
        }
        var loose = shapes.FirstOrDefault(s => s.ProjectFile is null) is { } looseShape ? ids[ProjectLayout.LooseProjectName] : null;
        return new CSharpWorkspace(solution, ProjectLayout.ProjectsByDirectory(projectFiles.Keys), documentIdByFile, loose, files);
    }

    private static bool Reaches(Solution solution, ProjectId from, ProjectId to)
    {
        var stack = new Stack<ProjectId>([from]);
        var seen = new HashSet<ProjectId>();
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == to) return true;
            if (!seen.Add(current)) continue;
            foreach (var r in solution.GetProject(current)!.ProjectReferences) stack.Push(r.ProjectId);
        }
        return false;
    }

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
                Volatile.Write(ref _solution, _solution.WithDocumentText(document.Id, SourceText.From(text), PreservationMode.PreserveIdentity));
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
