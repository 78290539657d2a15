namespace LlamaCode.Completion.Tests;

/// <summary>Where a local model's layers run, as the status bar names it.</summary>
public sealed class ComputeBackendTests
{
    [Theory]
    // gpu layers, natives can offload, registered backends → description
    [InlineData(0, false, "CPU", "CPU")]
    [InlineData(-1, false, "CPU", "CPU")]
    [InlineData(0, true, "CUDA,CPU", "CPU")]
    [InlineData(-1, true, "CUDA,CPU", "CUDA (all layers)")]
    [InlineData(20, true, "CPU,CUDA", "CUDA (20 layers)")]
    [InlineData(20, true, "CPU", "CPU")]
    public void The_backend_is_the_gpu_only_when_layers_are_offloaded_to_one(int gpuLayers, bool offload, string backends, string expected) =>
        Assert.Equal(expected, ComputeBackend.Describe(gpuLayers, offload, backends.Split(',')));
}
