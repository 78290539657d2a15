using LlamaCode.Engine.Native;

namespace LlamaCode.Completion;

/// <summary>Where a local model's layers run, as the status bar and llamacode/stats name it. Pure: tested as a table.</summary>
public static class ComputeBackend
{
    /// <summary>"CPU", or the GPU backend and how many layers it holds when layers are offloaded and the natives can.</summary>
    public static string Describe(int gpuLayers, bool supportsGpuOffload, IReadOnlyList<string> backends)
    {
        var gpu = backends.FirstOrDefault(b => !b.Equals("CPU", StringComparison.OrdinalIgnoreCase));
        if (gpuLayers == 0 || !supportsGpuOffload || gpu is null) return "CPU";
        return gpuLayers < 0 ? $"{gpu} (all layers)" : $"{gpu} ({gpuLayers} layers)";
    }

    public static string Describe(int gpuLayers, NativeRuntimeInfo runtime) => Describe(gpuLayers, runtime.SupportsGpuOffload, runtime.Backends);
}
