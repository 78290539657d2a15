using LlamaCode.Completion.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// The project-file reader: one project per project file (see <see cref="ProjectLayout"/>), each compiled against
/// .NET's reference assemblies (and ASP.NET Core's, from the installed SDK, where the project uses that framework)
/// and the projects it references. Nothing is evaluated or executed, so package references do not bind.
/// </summary>
public static class ProjectFileSolution
{
    public const string LoaderName = "project files";

    // Conditional-compilation symbols of a modern .NET target, so that #if NET… code is the code that binds.
    private static readonly string[] PreprocessorSymbols =
    [
        "NET", "NETCOREAPP", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER",
        "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER", "NET10_0", "RELEASE",
    ];

    /// <summary>
    /// Reads the workspace's .csproj files (respecting .gitignore) and builds the solution. The .cs files are not
    /// read here: each document loads its text from disk when a compilation first needs it, so projects that no
    /// request reaches cost a path each (see <see cref="WorkspaceFileLoader"/>).
    /// </summary>
    public static Task<LoadedSolution> LoadAsync(WorkspaceFiles files, IProgress<CSharpLoadProgress>? progress = null,
        CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        var paths = files.StartListing();
        var projectFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || ProjectLayout.IsBuildProps(p)))
            if (TextFile.TryRead(files.TryResolve(path)!, files.Options.MaxFileBytes, out var text) == SkipReason.None)
                projectFiles[path] = text;
        cancellationToken.ThrowIfCancellationRequested();
        var csFiles = paths.Where(p => p.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).ToList();
        var loaded = Build(files, csFiles, path => new WorkspaceFileLoader(files, path), projectFiles);
        progress?.Report(new CSharpLoadProgress("reading projects", csFiles.Count, csFiles.Count));
        return loaded;
    }, cancellationToken);

    /// <summary>The solution of the given files (workspace-relative paths → text) and project files.</summary>
    public static LoadedSolution Build(WorkspaceFiles files, IReadOnlyDictionary<string, string> csFiles,
        IReadOnlyDictionary<string, string> projectFiles) =>
        Build(files, csFiles.Keys, path => TextLoader.From(TextAndVersion.Create(SourceText.From(csFiles[path]), VersionStamp.Create())), projectFiles);

    /// <summary>The solution of the given files (workspace-relative paths, each with what loads its text) and project files.</summary>
    public static LoadedSolution Build(WorkspaceFiles files, IEnumerable<string> csFiles, Func<string, TextLoader> loaderOf,
        IReadOnlyDictionary<string, string> projectFiles)
    {
        var shapes = ProjectLayout.Plan(csFiles, projectFiles);
        var solution = new AdhocWorkspace(MefHostServices.DefaultHost).CurrentSolution;
        var ids = shapes.ToDictionary(s => s.ProjectFile ?? ProjectLayout.LooseProjectName, s => ProjectId.CreateNewId(s.Name));
        var documentIdByFile = new Dictionary<string, DocumentId>(StringComparer.Ordinal);
        var parseOptions = AdhocCompilation.ParseOptions.WithPreprocessorSymbols(PreprocessorSymbols);
        foreach (var shape in shapes)
        {
            var id = ids[shape.ProjectFile ?? ProjectLayout.LooseProjectName];
            var documents = new List<DocumentInfo>(shape.Documents.Count + 1);
            foreach (var path in shape.Documents)
            {
                var documentId = DocumentId.CreateNewId(id, path);
                documents.Add(DocumentInfo.Create(documentId, path, loader: loaderOf(path), filePath: path));
                documentIdByFile[path] = documentId;
            }
            var usings = (shape.ImplicitUsings ? shape.ImplicitNamespaces ?? AdhocCompilation.SdkImplicitUsings : []).Concat(shape.GlobalUsings).Distinct().ToList();
            if (usings.Count > 0)
                documents.Add(DocumentInfo.Create(DocumentId.CreateNewId(id), AdhocCompilation.ImplicitUsingsPath,
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(AdhocCompilation.GlobalUsingsSource(usings)), VersionStamp.Create())),
                    filePath: AdhocCompilation.ImplicitUsingsPath));
            // One project at a time with all its documents: adding documents one by one forks the solution per file.
            solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Default, shape.Name, shape.Name, LanguageNames.CSharp,
                filePath: shape.ProjectFile is null ? null : Path.Combine(files.Root, shape.ProjectFile),
                compilationOptions: AdhocCompilation.CompilationOptions, parseOptions: parseOptions,
                metadataReferences: shape.AspNetCore ? [.. AdhocCompilation.FrameworkReferences, .. AspNetCoreReferences.All] : AdhocCompilation.FrameworkReferences,
                documents: documents));
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
        var loose = shapes.Any(s => s.ProjectFile is null) ? ids[ProjectLayout.LooseProjectName] : null;
        return new LoadedSolution(solution, documentIdByFile, ProjectLayout.ProjectsByDirectory(projectFiles.Keys.Where(p => !ProjectLayout.IsBuildProps(p))), loose, LoaderName);
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
}
