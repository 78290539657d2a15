namespace LlamaCode.Engine.Dev;

/// <summary>
/// Generated models, made once and cached for tests, benchmarks and the demo: in <c>LLAMACODE_MODEL_CACHE</c>,
/// else <c>.cache/models</c> of the repository this runs from, else <c>~/.cache/llamacode/models</c>.
/// </summary>
public static class DevModels
{
    public const string CacheVariable = "LLAMACODE_MODEL_CACHE";
    private static readonly Lock Gate = new();

    public static string GetOrCreate(DevModelSize size)
    {
        var dir = CacheDirectory();
        var path = Path.Combine(dir, $"llamacode-dev-{size.ToString().ToLowerInvariant()}-v{DevModelGenerator.Version}.gguf");
        if (File.Exists(path)) return path;
        lock (Gate)
        {
            if (File.Exists(path)) return path;
            Directory.CreateDirectory(dir);
            // Written aside and renamed: another process never sees a half-written model.
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            try
            {
                DevModelGenerator.Write(temp, size);
                try { File.Move(temp, path, overwrite: false); }
                catch (IOException) when (File.Exists(path)) { /* another process made it first */ }
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        return path;
    }

    public static string CacheDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable(CacheVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LlamaCode.sln"))) return Path.Combine(dir.FullName, ".cache", "models");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "llamacode", "models");
    }
}
