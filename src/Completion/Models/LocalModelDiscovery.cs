using System.Text.RegularExpressions;
using LlamaCode.Engine.Gguf;

namespace LlamaCode.Completion.Models;

/// <summary>A GGUF file found in a local store, with what its header says.</summary>
/// <param name="Name">The name the store shows: Ollama's NAME:TAG, the repository and file elsewhere.</param>
/// <param name="Fim">Whether it names fill-in-the-middle prefix, suffix and middle tokens (needed for completion).</param>
/// <param name="Detail">How the FIM tokens were found, which are missing, or why the header could not be read.</param>
public sealed record DiscoveredModel(string Name, string Path, ModelStoreKind Store, long SizeBytes, string? Architecture, bool Fim, string Detail);

/// <summary>The models found, and what was skipped and why (a broken manifest, an unreadable folder).</summary>
public sealed record ModelDiscoveryResult(IReadOnlyList<DiscoveredModel> Models, IReadOnlyList<string> Notes);

/// <summary>
/// Lists the GGUF files of the local stores (Ollama, LM Studio, llama.cpp's cache, the Hugging Face hub cache) and reads
/// each one's header, never loading a model. Walks are bounded in depth and files; symlinked files (the hub's
/// snapshots) are followed, and a file reached twice is listed once.
/// </summary>
public static partial class LocalModelDiscovery
{
    private const int MaxDepth = 8;
    private const int MaxFilesPerStore = 20_000;

    public static ModelDiscoveryResult Discover(IEnumerable<ModelStoreRoot> roots)
    {
        var models = new List<DiscoveredModel>();
        var notes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            if (!Directory.Exists(root.Path)) continue;
            var found = root.Kind switch
            {
                ModelStoreKind.Ollama => Ollama(root.Path, notes),
                ModelStoreKind.HuggingFace => HuggingFace(root.Path, notes),
                _ => GgufFiles(root.Path, notes).Select(f => (Name: Relative(root.Path, f), File: f)),
            };
            foreach (var (name, file) in found.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
            {
                if (!seen.Add(RealPath(file))) continue;
                models.Add(Describe(name, file, root.Kind));
            }
        }
        return new ModelDiscoveryResult(models, notes);
    }

    /// <summary>One file, described from its header.</summary>
    public static DiscoveredModel Describe(string name, string path, ModelStoreKind store)
    {
        long size = 0;
        try
        {
            size = new FileInfo(RealPath(path)).Length;
            var header = GgufValidator.Validate(path, GgufFimTokens.Spellings);
            var fim = GgufFimTokens.Find(header);
            return new DiscoveredModel(name, path, store, size, header.Architecture, fim.Present, fim.Detail);
        }
        catch (Exception e) when (e is InvalidModelFileException or IOException or UnauthorizedAccessException)
        {
            return new DiscoveredModel(name, path, store, size, null, false, e.Message);
        }
    }

    private static IEnumerable<(string Name, string File)> Ollama(string root, List<string> notes)
    {
        var manifests = Path.Combine(root, "manifests");
        if (!Directory.Exists(manifests)) yield break;
        foreach (var manifest in Files(manifests, notes))
        {
            var relative = Path.GetRelativePath(manifests, manifest);
            if (OllamaManifest.NameOf(relative) is not { } name) continue;
            string json;
            try
            {
                if (new FileInfo(manifest).Length > 1 << 20) { notes.Add($"Ollama manifest {relative} is larger than 1 MiB: skipped"); continue; }
                json = File.ReadAllText(manifest);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notes.Add($"Ollama manifest {relative} cannot be read: {e.Message}");
                continue;
            }
            var (blob, problem) = OllamaManifest.ModelBlob(json);
            if (blob is null) { notes.Add($"Ollama manifest {relative} {problem}: skipped"); continue; }
            var file = Path.Combine(root, "blobs", blob);
            if (!File.Exists(file)) { notes.Add($"Ollama manifest {relative} names blob {blob}, which is missing: skipped"); continue; }
            yield return (name, file);
        }
    }

    // models--ORG--NAME/snapshots/REVISION/…/FILE.gguf → ORG/NAME/…/FILE.gguf (the newest revision's files are the same blobs).
    private static IEnumerable<(string Name, string File)> HuggingFace(string root, List<string> notes)
    {
        IEnumerable<string> repositories;
        try { repositories = Directory.EnumerateDirectories(root, "models--*").ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { notes.Add($"{root} cannot be read: {e.Message}"); yield break; }
        foreach (var repository in repositories)
        {
            var snapshots = Path.Combine(repository, "snapshots");
            if (!Directory.Exists(snapshots)) continue;
            var id = Path.GetFileName(repository)["models--".Length..].Replace("--", "/");
            foreach (var file in GgufFiles(snapshots, notes))
            {
                var inRevision = Path.GetRelativePath(snapshots, file).Replace('\\', '/');
                yield return ($"{id}/{inRevision[(inRevision.IndexOf('/') + 1)..]}", file);
            }
        }
    }

    private static IEnumerable<string> GgufFiles(string root, List<string> notes) =>
        Files(root, notes).Where(f => f.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && IsModelEntry(Path.GetFileName(f)));

    /// <summary>Split models are listed by their first part; vision projectors (mmproj) are not completion models.</summary>
    public static bool IsModelEntry(string fileName) =>
        !fileName.StartsWith("mmproj", StringComparison.OrdinalIgnoreCase) &&
        (SplitPart().Match(fileName) is not { Success: true } split || split.Groups[1].Value.TrimStart('0') == "1");

    [GeneratedRegex(@"-(\d{5})-of-\d{5}\.gguf$", RegexOptions.IgnoreCase)]
    private static partial Regex SplitPart();

    private static IEnumerable<string> Files(string root, List<string> notes)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = MaxDepth, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        var files = new List<string>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", options))
            {
                if (files.Count == MaxFilesPerStore) { notes.Add($"{root} has more than {MaxFilesPerStore} files: the rest are not listed"); break; }
                files.Add(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{root} cannot be read: {e.Message}");
        }
        return files;
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static string RealPath(string file)
    {
        try { return File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file); }
        catch (IOException) { return Path.GetFullPath(file); }
    }
}
