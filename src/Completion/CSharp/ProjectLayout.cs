using System.Text.RegularExpressions;

namespace LlamaCode.Completion.CSharp;

/// <summary>One C# project as read from its project file without evaluating it (nothing of the repository is executed).</summary>
public sealed record ProjectShape(
    string Name,
    string? ProjectFile,
    IReadOnlyList<string> Documents,
    IReadOnlyList<string> ProjectReferences,
    bool ImplicitUsings,
    IReadOnlyList<string> GlobalUsings,
    IReadOnlyList<string>? ImplicitNamespaces = null,
    bool AspNetCore = false);

/// <summary>
/// Splits a workspace's <c>.cs</c> files into projects the way MSBuild's default globs do: a file belongs to the
/// project whose file sits in its nearest folder (or above). Project files (and the nearest <c>Directory.Build.props</c>,
/// see <see cref="ProjectSdk"/>) are read as text for what changes binding (project references, implicit and explicit
/// global usings, the ASP.NET Core framework); nothing is evaluated. Files under no project form one loose project that
/// references every other one.
/// </summary>
public static partial class ProjectLayout
{
    public const string LooseProjectName = "(files outside projects)";

    /// <param name="csFiles">workspace-relative paths of the .cs files</param>
    /// <param name="projectFiles">workspace-relative .csproj paths and their text, and any Directory.Build.props</param>
    public static IReadOnlyList<ProjectShape> Plan(IEnumerable<string> csFiles, IReadOnlyDictionary<string, string> projectFiles)
    {
        var buildProps = projectFiles.Where(p => IsBuildProps(p.Key)).ToDictionary(p => DirectoryOf(p.Key), p => p.Value, StringComparer.Ordinal);
        projectFiles = projectFiles.Where(p => !IsBuildProps(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        // Several project files in one folder: the first in ordinal order owns the folder's files.
        var projectByDir = ProjectsByDirectory(projectFiles.Keys);
        var documents = projectFiles.Keys.ToDictionary(p => p, _ => new List<string>());
        var loose = new List<string>();
        foreach (var file in csFiles.OrderBy(f => f, StringComparer.Ordinal))
        {
            if (IsBuildOutput(file)) continue;
            var owner = OwnerOf(file, projectByDir);
            if (owner is null) loose.Add(file); else documents[owner].Add(file);
        }

        var shapes = new List<ProjectShape>();
        foreach (var (projectFile, text) in projectFiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var references = ProjectReferenceItems().Matches(text)
                .Select(m => ResolveRelative(DirectoryOf(projectFile), m.Groups[1].Value))
                .Where(r => r is not null && projectFiles.ContainsKey(r) && r != projectFile)
                .Select(r => r!).Distinct().ToList();
            var sdk = ProjectSdk.Read(text, NearestBuildProps(DirectoryOf(projectFile), buildProps));
            shapes.Add(new ProjectShape(Path.GetFileNameWithoutExtension(projectFile), projectFile, documents[projectFile],
                references, sdk.ImplicitUsings, sdk.GlobalUsings, sdk.ImplicitNamespaces, sdk.AspNetCore));
        }
        if (loose.Count > 0)
            shapes.Add(new ProjectShape(LooseProjectName, null, loose, projectFiles.Keys.Order(StringComparer.Ordinal).ToList(), false, []));
        return shapes;
    }

    /// <summary>True for a <c>Directory.Build.props</c> path (read with the project files, owning no files).</summary>
    public static bool IsBuildProps(string path) =>
        path == ProjectSdk.BuildPropsName || path.EndsWith("/" + ProjectSdk.BuildPropsName, StringComparison.OrdinalIgnoreCase);

    // MSBuild imports the first Directory.Build.props found walking up from the project's folder.
    private static string? NearestBuildProps(string dir, IReadOnlyDictionary<string, string> buildPropsByDir)
    {
        while (true)
        {
            if (buildPropsByDir.TryGetValue(dir, out var text)) return text;
            if (dir.Length == 0) return null;
            dir = DirectoryOf(dir);
        }
    }

    /// <summary>Folder → the project file that owns it (several in one folder: the first in ordinal order).</summary>
    public static IReadOnlyDictionary<string, string> ProjectsByDirectory(IEnumerable<string> projectFiles) =>
        projectFiles.OrderBy(p => p, StringComparer.Ordinal).GroupBy(DirectoryOf).ToDictionary(g => g.Key, g => g.First());

    /// <summary>obj/ and bin/ hold generated copies that would collide with the sources (when not already gitignored).</summary>
    public static bool IsBuildOutput(string file) =>
        file.Split('/').SkipLast(1).Any(part => part is "obj" or "bin");

    /// <summary>The project file owning <paramref name="file"/>: the one in its nearest folder (projectByDir: folder → project file).</summary>
    public static string? OwnerOf(string file, IReadOnlyDictionary<string, string> projectByDir)
    {
        var dir = DirectoryOf(file);
        while (true)
        {
            if (projectByDir.TryGetValue(dir, out var project)) return project;
            if (dir.Length == 0) return null;
            dir = DirectoryOf(dir);
        }
    }

    private static string DirectoryOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>A project reference as a workspace-relative path, or null when it leaves the workspace.</summary>
    private static string? ResolveRelative(string baseDir, string include)
    {
        var parts = new List<string>(baseDir.Length == 0 ? [] : baseDir.Split('/'));
        foreach (var part in include.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    [GeneratedRegex("<ProjectReference\\s+Include\\s*=\\s*\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectReferenceItems();
}
