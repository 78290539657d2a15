namespace LlamaCode.ModelGenerator;

/// <summary>
/// A cache of generated dev models shared by tests, benchmarks and the CLI demo. The folder is
/// <c>$LLAMACODE_MODEL_CACHE</c>, else <c>&lt;repo&gt;/.cache/models</c> when running from the repository,
/// else <c>~/.cache/llamacode/models</c>.
/// </summary>
public static class DevModels
{
    public const string CacheEnvironmentVariable = "LLAMACODE_MODEL_CACHE";

    // One generation at a time per process; across processes the atomic rename keeps readers safe.
    private static readonly SemaphoreSlim GenerationLock = new(1, 1);

    /// <summary>The path of the model of <paramref name="size"/>, generating it first if it is not cached yet.</summary>
    public static string GetOrCreate(DevModelSize size) => GetOrCreate(size, CacheFolder());

    /// <summary>As <see cref="GetOrCreate(DevModelSize)"/>, with the cache in <paramref name="folder"/>.</summary>
    public static string GetOrCreate(DevModelSize size, string folder) =>
        GetOrCreate(folder, FileName(size), path => DevModelGenerator.Write(path, size));

    /// <summary>The path of the tiny model laid out like <paramref name="family"/>, generating it first if it is not cached yet.</summary>
    public static string GetOrCreate(DevModelFamily family, FimTokenIds fimIds) =>
        GetOrCreate(CacheFolder(), FileName(family, fimIds), path => DevModelGenerator.Write(path, family, fimIds));

    private static string GetOrCreate(string folder, string fileName, Action<string> write)
    {
        string path = Path.Combine(folder, fileName);
        if (File.Exists(path)) return path;

        GenerationLock.Wait();
        try
        {
            if (File.Exists(path)) return path;
            Directory.CreateDirectory(folder);
            // Write beside the target, then rename: a reader never sees a half-written model, and a concurrent
            // writer in another process just loses the race (both files are identical).
            string temp = Path.Combine(folder, $"{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try
            {
                write(temp);
                try
                {
                    File.Move(temp, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                }
            }
            finally
            {
                File.Delete(temp);
            }
            return path;
        }
        finally
        {
            GenerationLock.Release();
        }
    }

    public static string FileName(DevModelSize size) =>
        $"llamacode-dev-{size.ToString().ToLowerInvariant()}-v{DevModelGenerator.Version}.gguf";

    public static string FileName(DevModelFamily family, FimTokenIds fimIds) =>
        $"llamacode-dev-tiny-{family.ToString().ToLowerInvariant()}-{(fimIds == FimTokenIds.InMetadata ? "fim-ids" : "fim-text")}-v{DevModelGenerator.Version}.gguf";

    public static string CacheFolder() =>
        ResolveCacheFolder(Environment.GetEnvironmentVariable(CacheEnvironmentVariable), AppContext.BaseDirectory);

    internal static string ResolveCacheFolder(string? configured, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        string? repoRoot = RepositoryRoot(baseDirectory);
        if (repoRoot is not null) return Path.Combine(repoRoot, ".cache", "models");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "llamacode", "models");
    }

    /// <summary>The LlamaCode checkout this runs from (the folder holding LlamaCode.sln above <paramref name="start"/>), if any.</summary>
    public static string? RepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LlamaCode.sln"))) return dir.FullName;
        return null;
    }
}
