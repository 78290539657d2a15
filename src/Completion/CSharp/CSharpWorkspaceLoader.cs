using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.CSharp;

/// <summary>Which loader builds a workspace's C# solution (setting <c>projectLoader</c>, option <c>--project-loader</c>).</summary>
public enum ProjectLoaderKind
{
    /// <summary>MSBuild when the workspace has a restored solution or project and <c>dotnet</c> is installed, else the project files.</summary>
    Auto,
    /// <summary>MSBuild whenever the workspace has a solution or project file; a failure is a warning.</summary>
    MSBuild,
    /// <summary>The project-file reader only: nothing of the workspace is evaluated or executed.</summary>
    Files,
}

/// <summary>How to load a workspace's C# code.</summary>
/// <param name="Log">notes on the way (MSBuild's diagnostics, why it was not used)</param>
public sealed record CSharpLoadOptions(ProjectLoaderKind Loader = ProjectLoaderKind.Auto, Action<string>? Log = null)
{
    /// <summary>How long MSBuild may take before the project-file reader is used instead.</summary>
    public TimeSpan MSBuildTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>Chooses the loader (<see cref="MSBuildSolution"/> or <see cref="ProjectFileSolution"/>) and falls back from MSBuild on failure.</summary>
public static class CSharpWorkspaceLoader
{
    public static async Task<CSharpWorkspace> LoadAsync(WorkspaceFiles files, CSharpLoadOptions options,
        IProgress<CSharpLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var log = options.Log ?? (_ => { });
        string? fallbackReason = null;
        if (options.Loader != ProjectLoaderKind.Files)
        {
            var projectFiles = files.StartListing()
                .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && !ProjectLayout.IsBuildOutput(p))
                .Order(StringComparer.Ordinal).ToList();
            if (projectFiles.Count == 0 && MSBuildSolution.SolutionFileOf(files.Root) is null)
                log("msbuild: not used, the workspace has no solution or project file");
            else if (options.Loader == ProjectLoaderKind.Auto && DotnetHost.Find() is null)
                log("msbuild: not used, no dotnet found (PATH, DOTNET_ROOT)");
            else if (options.Loader == ProjectLoaderKind.Auto && !IsRestored(files.Root, projectFiles))
                log("msbuild: not used, no project is restored (no obj/project.assets.json): no package would bind");
            else
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.MSBuildTimeout);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    var loaded = await MSBuildSolution.LoadAsync(files, projectFiles, log, progress, timeout.Token).ConfigureAwait(false);
                    log($"msbuild: loaded {loaded.Solution.ProjectIds.Count} C# projects in {watch.Elapsed.TotalSeconds:F1} s");
                    return new CSharpWorkspace(files, loaded);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    fallbackReason = $"MSBuild did not load the workspace within {options.MSBuildTimeout.TotalSeconds:0.###} s";
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    fallbackReason = $"MSBuild could not load the workspace: {e.GetType().Name}: {e.Message}";
                }
                log($"{fallbackReason} (after {watch.Elapsed.TotalSeconds:F1} s); reading the project files instead (package references will not bind)");
            }
        }
        var fromFiles = await ProjectFileSolution.LoadAsync(files, progress, cancellationToken).ConfigureAwait(false);
        return new CSharpWorkspace(files, fromFiles, fallbackReason);
    }

    /// <summary>
    /// True when some project has NuGet's restore output, beside it (obj/) or in the artifacts layout. Without it
    /// MSBuild binds no package and, for targets whose targeting pack the SDK does not ship, no framework either.
    /// </summary>
    public static bool IsRestored(string root, IEnumerable<string> projectFiles) =>
        projectFiles.Any(p => File.Exists(Path.Combine(root, Path.GetDirectoryName(p) ?? "", "obj", "project.assets.json")))
        || (Directory.Exists(Path.Combine(root, "artifacts", "obj"))
            && Directory.EnumerateFiles(Path.Combine(root, "artifacts", "obj"), "project.assets.json", SearchOption.AllDirectories).Any());
}
