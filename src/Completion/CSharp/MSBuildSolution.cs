using LlamaCode.Completion.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.MSBuild;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// The MSBuild loader: the workspace's solution (a .sln/.slnx in its root) or else its project files, evaluated by
/// MSBuildWorkspace's build host (a separate <c>dotnet</c> process that finds the SDK itself), so package references
/// restored by the user (obj/project.assets.json) bind to their real assemblies. This runs the projects' MSBuild
/// code: only for a workspace the user opened, never for <c>llamacode review</c>. Nothing is restored.
/// </summary>
public static class MSBuildSolution
{
    public const string LoaderName = "msbuild";

    /// <summary>The solution file in the workspace root MSBuild opens: the one named like the folder, else the first by name.</summary>
    public static string? SolutionFileOf(string root)
    {
        var candidates = Directory.EnumerateFiles(root)
            .Where(f => f.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        return candidates.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == Path.GetFileName(Path.TrimEndingDirectorySeparator(root)))
            ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// Loads the workspace with MSBuild. Throws when MSBuild cannot load it (no SDK, the build host fails), yields no
    /// C# project, could not evaluate one of them (a failure reported and the project left empty), or left one without
    /// framework assemblies: the project-file reader then serves every project alike. Diagnostics go to <paramref name="log"/>.
    /// </summary>
    /// <param name="projectFiles">workspace-relative project files, loaded when there is no solution file</param>
    public static async Task<LoadedSolution> LoadAsync(WorkspaceFiles files, IReadOnlyList<string> projectFiles, Action<string> log,
        IProgress<CSharpLoadProgress>? progress, CancellationToken cancellationToken)
    {
        using var msbuild = MSBuildWorkspace.Create();
        var failures = new List<string>();
        using var handler = msbuild.RegisterWorkspaceFailedHandler(e =>
        {
            log($"msbuild {e.Diagnostic.Kind.ToString().ToLowerInvariant()}: {e.Diagnostic.Message}");
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure) lock (failures) failures.Add(e.Diagnostic.Message);
        });
        var loader = new MSBuildProjectLoader(msbuild) { SkipUnrecognizedProjects = true };
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        var reporter = new Progress<ProjectLoadProgress>(p =>
        {
            if (p.Operation != ProjectLoadOperation.Resolve) return;
            lock (evaluated)
                if (evaluated.Add(p.FilePath)) progress?.Report(new CSharpLoadProgress("msbuild", evaluated.Count, Math.Max(evaluated.Count, projectFiles.Count)));
        });

        var infos = new List<ProjectInfo>();
        if (SolutionFileOf(files.Root) is { } solutionFile)
        {
            log($"msbuild: opening {Path.GetFileName(solutionFile)}");
            infos.AddRange((await loader.LoadSolutionInfoAsync(solutionFile, reporter, msbuildLogger: null, cancellationToken).ConfigureAwait(false)).Projects);
        }
        else
        {
            var map = ProjectMap.Create();
            foreach (var projectFile in projectFiles)
            {
                var projects = await loader.LoadProjectInfoAsync(files.TryResolve(projectFile)!, map, reporter, msbuildLogger: null, cancellationToken).ConfigureAwait(false);
                infos.AddRange(projects.Where(p => infos.All(known => known.Id != p.Id)));
            }
        }
        infos.RemoveAll(p => p.Language != LanguageNames.CSharp);
        if (infos.Count == 0) throw new InvalidOperationException("MSBuild loaded no C# project");
        var loaded = Build(files, infos);
        // A target that failed is harmless while another target of the same project loaded (net462 without its
        // reference assemblies, say); a project left without documents is not.
        var empty = loaded.Solution.Projects.Where(p => !p.DocumentIds.Any()).Select(p => p.Name).ToList();
        lock (failures)
            if (empty.Count > 0 && failures.Count > 0)
                throw new InvalidOperationException($"MSBuild could not evaluate {string.Join(", ", empty)} ({failures[0]})");
        // Without a restore, a target whose targeting pack the SDK does not ship (net8.0 under a .NET 10 SDK) has no
        // framework at all: nothing would bind, worse than the project-file reader's .NET 10 reference assemblies.
        var frameworkless = loaded.Solution.Projects.Where(p => !p.MetadataReferences.OfType<PortableExecutableReference>().Any(IsCoreLibrary)).Select(p => p.Name).ToList();
        if (frameworkless.Count > 0)
            throw new InvalidOperationException($"MSBuild resolved no framework assemblies for {string.Join(", ", frameworkless)} (not restored?)");
        return loaded;
    }

    /// <summary>
    /// One project per project file (of a multi-targeted one, the newest .NET target), documents under their
    /// workspace-relative paths as the project-file reader names them, project references kept to the chosen targets.
    /// </summary>
    internal static LoadedSolution Build(WorkspaceFiles files, IReadOnlyList<ProjectInfo> infos)
    {
        var chosen = infos.GroupBy(p => p.FilePath ?? p.Name, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => TargetRank(Flavor(p.Name))).First()).ToList();
        var chosenIdByFile = chosen.ToDictionary(p => p.FilePath ?? p.Name, p => p.Id, StringComparer.Ordinal);
        var fileById = infos.ToDictionary(p => p.Id, p => p.FilePath ?? p.Name);

        var documentIdByFile = new Dictionary<string, DocumentId>(StringComparer.Ordinal);
        var projects = new List<ProjectInfo>();
        foreach (var project in chosen)
        {
            var documents = new List<DocumentInfo>();
            foreach (var document in project.Documents)
            {
                var relative = document.FilePath is null ? null : files.ToRelative(document.FilePath);
                if (relative is null) { documents.Add(document); continue; }
                documents.Add(document.WithFilePath(relative));
                documentIdByFile.TryAdd(relative, document.Id);
            }
            var references = project.ProjectReferences
                .Select(r => fileById.TryGetValue(r.ProjectId, out var file) ? chosenIdByFile[file] : null)
                .OfType<ProjectId>().Where(id => id != project.Id).Distinct()
                .Select(id => new ProjectReference(id));
            // Doc comments as plain comments, as the project-file reader parses them (see AdhocCompilation.ParseOptions).
            var parseOptions = project.ParseOptions is Microsoft.CodeAnalysis.CSharp.CSharpParseOptions options
                ? options.WithDocumentationMode(DocumentationMode.None) : project.ParseOptions;
            projects.Add(project.WithDocuments(documents).WithProjectReferences(references).WithParseOptions(parseOptions));
        }
        var solution = new AdhocWorkspace(MefHostServices.DefaultHost).AddSolution(
            SolutionInfo.Create(SolutionId.CreateNewId(), VersionStamp.Default, projects: projects));
        var ownedFolders = ProjectLayout.ProjectsByDirectory(chosen.Select(p => p.FilePath is null ? null : files.ToRelative(p.FilePath)).OfType<string>());
        return new LoadedSolution(solution, documentIdByFile, ownedFolders, LooseProject: null, LoaderName);
    }

    private static bool IsCoreLibrary(PortableExecutableReference reference) =>
        Path.GetFileName(reference.FilePath) is "System.Runtime.dll" or "mscorlib.dll" or "netstandard.dll";

    /// <summary>The target of a multi-targeted project's name as MSBuildWorkspace gives it ("Polly.Core(net8.0)" → "net8.0").</summary>
    private static string Flavor(string projectName) =>
        projectName.EndsWith(')') && projectName.LastIndexOf('(') is var open and >= 0 ? projectName[(open + 1)..^1] : "";

    /// <summary>Newer .NET above .NET Core above .NET Standard above .NET Framework, so the richest API binds.</summary>
    private static double TargetRank(string flavor)
    {
        static double Version(string digits) => double.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        var tfm = flavor.Split('-')[0];
        if (tfm.StartsWith("netstandard", StringComparison.Ordinal)) return 200 + Version(tfm["netstandard".Length..]);
        if (tfm.StartsWith("netcoreapp", StringComparison.Ordinal)) return 300 + Version(tfm["netcoreapp".Length..]);
        if (tfm.StartsWith("net", StringComparison.Ordinal) && tfm.Contains('.')) return 400 + Version(tfm[3..]);
        if (tfm.StartsWith("net", StringComparison.Ordinal)) return 100 + Version(tfm[3..]) / 1000; // net462 → 100.462
        return 0;
    }
}
