using MAB.DotIgnore;

namespace LlamaCode.Completion.Workspace;

public sealed record WorkspaceFileOptions
{
    /// <summary>Files larger than this are not indexed (generated or data files, mostly).</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;
    /// <summary>At most this many files are enumerated; the rest are reported as skipped.</summary>
    public int MaxFiles { get; init; } = 50_000;
}

/// <summary>
/// The files of a workspace folder as the user's git sees them: <c>.gitignore</c> files at every level
/// (plus <c>.git/info/exclude</c>) are honoured, <c>.git</c> itself is skipped, and no path leaves the root.
/// Paths handed out are relative to the root, with '/' separators, on every OS.
/// </summary>
public sealed class WorkspaceFiles
{
    private static readonly string[] AlwaysSkippedDirectories = [".git", ".hg", ".svn", "node_modules", ".vs"];

    public WorkspaceFiles(string root, WorkspaceFileOptions? options = null)
    {
        Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        Options = options ?? new WorkspaceFileOptions();
    }

    public string Root { get; }
    public WorkspaceFileOptions Options { get; }

    private readonly object _listingGate = new();
    private IReadOnlyList<string>? _startListing;

    /// <summary>
    /// <see cref="EnumerateRelativePaths"/> as first walked through this instance: the loaders that start a workspace
    /// together (index, C# projects) share one walk of the tree, which on a repository of thousands of files and a
    /// long .gitignore takes seconds. Later changes arrive as file events.
    /// </summary>
    public IReadOnlyList<string> StartListing()
    {
        lock (_listingGate) return _startListing ??= EnumerateRelativePaths().ToList();
    }

    /// <summary>Relative paths of all files that are not ignored, depth first, in ordinal order (deterministic).</summary>
    public IEnumerable<string> EnumerateRelativePaths()
    {
        var rootRules = new List<(string Dir, IgnoreList List)>();
        var exclude = Path.Combine(Root, ".git", "info", "exclude");
        if (File.Exists(exclude)) rootRules.Add((string.Empty, new IgnoreList(exclude)));
        int count = 0;
        foreach (var path in Walk(string.Empty, rootRules))
        {
            if (++count > Options.MaxFiles) yield break;
            yield return path;
        }
    }

    private IEnumerable<string> Walk(string relativeDir, List<(string Dir, IgnoreList List)> rules)
    {
        var fullDir = relativeDir.Length == 0 ? Root : Path.Combine(Root, relativeDir);
        var gitignore = Path.Combine(fullDir, ".gitignore");
        bool added = false;
        if (File.Exists(gitignore))
        {
            rules.Add((relativeDir, new IgnoreList(gitignore)));
            added = true;
        }

        IEnumerable<FileSystemInfo> entries;
        try { entries = new DirectoryInfo(fullDir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { entries = []; }

        foreach (var entry in entries)
        {
            // Symbolic links could lead out of the workspace (or into a cycle): not followed.
            if (entry.LinkTarget is not null) continue;
            var relative = relativeDir.Length == 0 ? entry.Name : relativeDir + "/" + entry.Name;
            bool isDirectory = entry is DirectoryInfo;
            if (isDirectory && AlwaysSkippedDirectories.Contains(entry.Name)) continue;
            if (IsIgnored(rules, relative, isDirectory)) continue;
            if (isDirectory)
            {
                foreach (var child in Walk(relative, rules)) yield return child;
            }
            else
            {
                yield return relative;
            }
        }
        if (added) rules.RemoveAt(rules.Count - 1);
    }

    /// <summary>
    /// Git's precedence: the last rule that matches decides, rules of deeper .gitignore files coming after those of
    /// shallower ones; so a negation ("!keep.txt") re-includes what an earlier rule, in any of the files, ignored.
    /// Rules of deeper .gitignore files see paths relative to their own folder.
    /// </summary>
    private static bool IsIgnored(List<(string Dir, IgnoreList List)> rules, string relative, bool isDirectory)
    {
        bool ignored = false;
        foreach (var (dir, list) in rules)
        {
            var local = dir.Length == 0 ? relative : relative[(dir.Length + 1)..];
            foreach (var rule in list.Rules)
            {
                bool negation = rule.PatternFlags.HasFlag(PatternFlags.NEGATION);
                // Only a rule that could change the outcome needs matching.
                if (negation == ignored && rule.IsMatch(local, isDirectory)) ignored = !negation;
            }
        }
        return ignored;
    }

    /// <summary>True when <paramref name="relativePath"/> is ignored by the workspace's ignore files (or lies in .git).</summary>
    public bool IsIgnored(string relativePath)
    {
        var parts = Normalize(relativePath).Split('/');
        var rules = new List<(string Dir, IgnoreList List)>();
        var exclude = Path.Combine(Root, ".git", "info", "exclude");
        if (File.Exists(exclude)) rules.Add((string.Empty, new IgnoreList(exclude)));
        var dir = string.Empty;
        for (int i = 0; i < parts.Length; i++)
        {
            var gitignore = Path.Combine(Root, dir, ".gitignore");
            if (File.Exists(gitignore)) rules.Add((dir, new IgnoreList(gitignore)));
            var current = dir.Length == 0 ? parts[i] : dir + "/" + parts[i];
            bool isDirectory = i < parts.Length - 1;
            if (isDirectory && AlwaysSkippedDirectories.Contains(parts[i])) return true;
            if (IsIgnored(rules, current, isDirectory)) return true;
            dir = current;
        }
        return false;
    }

    /// <summary>The full path of a workspace-relative path, or null when it would leave the workspace.</summary>
    public string? TryResolve(string relativePath) => WorkspacePaths.TryResolve(Root, relativePath);

    /// <summary>The workspace-relative form of <paramref name="fullPath"/>, or null when it is outside the root.</summary>
    public string? ToRelative(string fullPath)
    {
        var full = Path.GetFullPath(fullPath);
        var relative = Path.GetRelativePath(Root, full);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        return Normalize(relative);
    }

    private static string Normalize(string path) => path.Replace('\\', '/').Trim('/');
}

/// <summary>Keeps paths that come from untrusted input (a diff, a request) inside a root folder.</summary>
public static class WorkspacePaths
{
    /// <summary>
    /// The full path of <paramref name="relativePath"/> under <paramref name="root"/>, or null when it is absolute,
    /// climbs out with "..", holds a NUL, or resolves (through symbolic links) outside the root.
    /// </summary>
    public static string? TryResolve(string root, string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath) || relativePath.Contains('\0')) return null;
        var normalized = relativePath.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(relativePath) || (normalized.Length >= 2 && normalized[1] == ':')) return null;
        if (normalized.Split('/').Any(part => part == "..")) return null;
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(fullRoot, normalized));
        if (!full.StartsWith(fullRoot, StringComparison.Ordinal)) return null;
        // A symbolic link inside the workspace must not lead outside it either.
        var probe = full;
        while (probe.Length > fullRoot.Length)
        {
            FileSystemInfo info = Directory.Exists(probe) ? new DirectoryInfo(probe) : new FileInfo(probe);
            if (info.Exists && info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !(target + Path.DirectorySeparatorChar).StartsWith(fullRoot, StringComparison.Ordinal)) return null;
            }
            probe = Path.GetDirectoryName(probe) ?? string.Empty;
        }
        return full;
    }
}
