using System.Runtime.InteropServices;

namespace LlamaCode.Engine.Native;

/// <summary>
/// One-time set-up of llama.cpp for this process, in the order the natives need:
/// GGML_NO_BACKTRACE, library resolver, log routing, backends loaded from the native folder, then llama_backend_init.
/// </summary>
public static unsafe partial class NativeRuntime
{
    private static readonly Lazy<NativeRuntimeInfo> Initialized = new(InitializeOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Initializes llama.cpp once; throws <see cref="NativeLibraryMissingException"/> when it cannot.</summary>
    public static NativeRuntimeInfo EnsureInitialized() => Initialized.Value;

    private static NativeRuntimeInfo InitializeOnce()
    {
        // .NET keeps its own copy of the environment on Unix, so the native one is set through libc:
        // without this, an abort inside ggml tries to attach gdb to print a backtrace.
        setenv("GGML_NO_BACKTRACE", "1", 1);
        NativeLibraryResolver.Register();
        var dir = NativeLibraryResolver.NativeDirectory;
        NativeLibraryResolver.Locate(LlamaApi.Llama); // fail early, with the folder named
        NativeLog.Install();

        // Without this call no CPU backend is loaded, and llama.cpp reports nothing: the npm natives ship
        // the CPU backend as 14 libggml-cpu-*.so variants and pick the best for this processor.
        LlamaApi.ggml_backend_load_all_from_path(dir);
        LlamaApi.llama_backend_init();

        var devices = (int)LlamaApi.ggml_backend_dev_count();
        var backends = new List<string>();
        for (nuint i = 0; i < LlamaApi.ggml_backend_reg_count(); i++)
            backends.Add(Marshal.PtrToStringUTF8((IntPtr)LlamaApi.ggml_backend_reg_name(LlamaApi.ggml_backend_reg_get(i))) ?? "?");
        if (devices == 0)
            throw new NativeLibraryMissingException(
                $"llama.cpp loaded from '{dir}' but no compute backend did: no libggml-cpu-*.so (or GPU backend) there could be loaded on this machine.");

        return new NativeRuntimeInfo(dir, backends, devices, LlamaApi.llama_supports_gpu_offload() != 0,
            Marshal.PtrToStringUTF8((IntPtr)LlamaApi.llama_print_system_info()) ?? string.Empty);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}

public sealed record NativeRuntimeInfo(string NativeDirectory, IReadOnlyList<string> Backends, int DeviceCount, bool SupportsGpuOffload, string SystemInfo);
