using System.Reflection;
using System.Runtime.InteropServices;

namespace LlamaCode.Engine.Native;

/// <summary>
/// Maps the logical library names of <see cref="LlamaApi"/> to files in the native folder:
/// <c>LLAMACODE_NATIVE_DIR</c> when set, else the folder of the executable (where the build copies them).
/// The npm natives are versioned (libllama.v0.5.0.so), their GPU builds also name the backend
/// (@node-llama-cpp/linux-x64-cuda: libllama.cuda.v0.5.0.so); a plain cmake build is neither (libllama.so).
/// </summary>
internal static class NativeLibraryResolver
{
    public const string NativeDirVariable = "LLAMACODE_NATIVE_DIR";

    private static readonly Dictionary<string, string[]> Candidates = new()
    {
        [LlamaApi.Llama] = ["libllama.v0.5.0.so", "libllama.cuda.v0.5.0.so", "libllama.vulkan.v0.5.0.so", "libllama.so"],
        [LlamaApi.Ggml] = ["libggml.v0.5.0.so", "libggml.cuda.v0.5.0.so", "libggml.vulkan.v0.5.0.so", "libggml.so"],
    };

    private static int _registered;

    public static string NativeDirectory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(NativeDirVariable);
            return string.IsNullOrWhiteSpace(fromEnv) ? AppContext.BaseDirectory : Path.GetFullPath(fromEnv);
        }
    }

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    /// <summary>The full path of a logical library, or a clear error naming the folder and the fix.</summary>
    public static string Locate(string logicalName)
    {
        var dir = NativeDirectory;
        return Find(logicalName, dir) ?? throw new NativeLibraryMissingException(
            $"llama.cpp natives not found: none of {string.Join(", ", Candidates[logicalName])} is in '{dir}'. " +
            $"Build the project (it fetches them with scripts/fetch-natives.sh) or set {NativeDirVariable} to a folder that holds them.");
    }

    /// <summary>The first file of a logical library's candidates in <paramref name="dir"/>, or null.</summary>
    internal static string? Find(string logicalName, string dir) =>
        Candidates[logicalName].Select(file => Path.Combine(dir, file)).FirstOrDefault(File.Exists);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!Candidates.ContainsKey(libraryName)) return IntPtr.Zero;
        return NativeLibrary.Load(Locate(libraryName));
    }
}

/// <summary>The llama.cpp shared libraries, or a backend among them, could not be found or loaded.</summary>
public sealed class NativeLibraryMissingException(string message) : Exception(message);
