using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LlamaCode.Engine.Native;

/// <summary>
/// Which llama.cpp the natives in use are: the release and platform from node-llama-cpp's build metadata beside them
/// (<c>_nlcBuildMetadata.json</c>; absent for natives built by hand), and ggml's own version and commit from the
/// library. Loads libggml only: no backend is initialized.
/// </summary>
public sealed record NativeBuildInfo(string NativeDirectory, string PinnedPackageVersion, string? LlamaCppRelease, string? Platform, string? Flavor, string? GgmlVersion, string? GgmlCommit, string? Problem)
{
    public const string MetadataFileName = "_nlcBuildMetadata.json";

    /// <summary>The node-llama-cpp release the binding is pinned to (eng/node-llama-cpp.version, compiled in).</summary>
    public static string PinnedVersion =>
        typeof(NativeBuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NodeLlamaCppVersion")?.Value ?? "unknown";

    public static unsafe NativeBuildInfo Read()
    {
        var dir = NativeLibraryResolver.NativeDirectory;
        var (release, platform, flavor) = ReadMetadata(Path.Combine(dir, MetadataFileName));
        try
        {
            NativeLibraryResolver.Register();
            NativeLibraryResolver.Locate(LlamaApi.Ggml);
            return new NativeBuildInfo(dir, PinnedVersion, release, platform, flavor,
                Marshal.PtrToStringUTF8((IntPtr)LlamaApi.ggml_version()), Marshal.PtrToStringUTF8((IntPtr)LlamaApi.ggml_commit()), null);
        }
        catch (Exception e) when (e is NativeLibraryMissingException or DllNotFoundException or EntryPointNotFoundException)
        {
            return new NativeBuildInfo(dir, PinnedVersion, release, platform, flavor, null, null, e.Message);
        }
    }

    /// <summary>
    /// node-llama-cpp's metadata: buildOptions.llamaCpp.release, platform-arch, and the flavor from gpu (false: CPU,
    /// else its GPU API: CUDA, Vulkan, Metal). Nulls when absent or unreadable.
    /// </summary>
    public static (string? Release, string? Platform, string? Flavor) ReadMetadata(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var options = document.RootElement.GetProperty("buildOptions");
            string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var release = options.TryGetProperty("llamaCpp", out var llama) ? Text(llama, "release") : null;
            var platform = Text(options, "platform") is { } os && Text(options, "arch") is { } arch ? $"{os}-{arch}" : null;
            string? flavor = !options.TryGetProperty("gpu", out var g) ? null : g.ValueKind switch
            {
                JsonValueKind.False => "CPU",
                JsonValueKind.String => g.GetString() switch { "cuda" => "CUDA", "vulkan" => "Vulkan", "metal" => "Metal", var other => other },
                _ => null,
            };
            return (release, platform, flavor);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, null, null);
        }
    }
}
