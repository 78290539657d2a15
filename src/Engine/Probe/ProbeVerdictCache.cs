using System.Text.Json;

namespace LlamaCode.Engine.Probe;

/// <summary>
/// First-load verdicts on disk, one small JSON file per model identity, so that the next start pays nothing. Only
/// deterministic verdicts are kept. A corrupt or unreadable entry counts as absent.
/// </summary>
public sealed class ProbeVerdictCache(string folder)
{
    public const string FolderEnvironmentVariable = "LLAMACODE_PROBE_CACHE";

    public string Folder { get; } = folder;

    /// <summary><c>$LLAMACODE_PROBE_CACHE</c>, else <c>$XDG_CACHE_HOME/llamacode/model-probes</c>, else <c>~/.cache/llamacode/model-probes</c>.</summary>
    public static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderEnvironmentVariable) is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "llamacode", "model-probes");
    }

    private sealed record Entry(string Path, long Size, DateTime ModifiedUtc, string HeaderSha256, bool Passed, string? Problem, double Milliseconds, DateTime CheckedUtc);

    public ProbeVerdict? TryGet(string key)
    {
        try
        {
            var file = PathOf(key);
            if (!File.Exists(file)) return null;
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(file));
            if (entry is null || entry.Passed != (entry.Problem is null)) return null;
            return new ProbeVerdict(entry.Problem, true, entry.Milliseconds, FromCache: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Keeps a deterministic verdict (written beside, then renamed: readers never see half an entry). Best effort.</summary>
    public void Put(string key, ModelFileIdentity identity, ProbeVerdict verdict)
    {
        if (!verdict.Deterministic) return;
        try
        {
            Directory.CreateDirectory(Folder);
            var entry = new Entry(identity.Path, identity.Size, identity.ModifiedUtc, identity.HeaderSha256, verdict.Passed, verdict.Problem, verdict.Milliseconds, DateTime.UtcNow);
            var temp = PathOf(key) + $".{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(entry));
            File.Move(temp, PathOf(key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next start a probe.
        }
    }

    private string PathOf(string key) => Path.Combine(Folder, key + ".json");
}
