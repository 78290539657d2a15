using LlamaCode.Engine.Native;

namespace LlamaCode.Engine.Tests.Native;

/// <summary>Which file of a folder of natives serves each logical library: npm's CPU and GPU builds, or a plain cmake build.</summary>
public sealed class NativeLibraryResolverTests
{
    [Theory]
    // files in the folder → the one picked for llama, for ggml
    [InlineData("libllama.v0.5.0.so libggml.v0.5.0.so libggml-base.so", "libllama.v0.5.0.so", "libggml.v0.5.0.so")] // @node-llama-cpp/linux-x64
    [InlineData("libllama.cuda.v0.5.0.so libggml.cuda.v0.5.0.so libggml-cuda.so", "libllama.cuda.v0.5.0.so", "libggml.cuda.v0.5.0.so")] // linux-x64-cuda
    [InlineData("libllama.vulkan.v0.5.0.so libggml.vulkan.v0.5.0.so", "libllama.vulkan.v0.5.0.so", "libggml.vulkan.v0.5.0.so")] // linux-x64-vulkan
    [InlineData("libllama.so libggml.so", "libllama.so", "libggml.so")] // scripts/build-natives.sh
    [InlineData("libllama-common.so libggml-base.so", null, null)]
    public void Each_layout_of_natives_resolves_to_its_own_files(string files, string? llama, string? ggml)
    {
        using var dir = new TempDirectory();
        foreach (var file in files.Split(' ')) File.WriteAllBytes(dir.File(file), []);

        Assert.Equal(llama, NativeLibraryResolver.Find(LlamaApi.Llama, dir.Path) is { } l ? Path.GetFileName(l) : null);
        Assert.Equal(ggml, NativeLibraryResolver.Find(LlamaApi.Ggml, dir.Path) is { } g ? Path.GetFileName(g) : null);
    }
}
