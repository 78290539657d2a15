using System.Text.RegularExpressions;
using LlamaCode.Engine.Native;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Cli;

/// <summary>`llamacode --version`: the product version and which llama.cpp the natives beside it are.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_names_the_product_the_llama_cpp_release_and_the_pinned_natives()
    {
        var pinned = File.ReadAllText(Path.Combine(DevModels.RepositoryRoot()!, "eng", "node-llama-cpp.version")).Trim();

        var (code, stdout, stderr) = await CliProcess.Run(null, "--version");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^llamacode \d+\.\d+\.\d+", lines[0]);
        Assert.Matches($@"^llama\.cpp v\S+, ggml \d+\.\d+\.\d+ \(commit [0-9a-f]+\), linux-x64 CPU natives of node-llama-cpp {Regex.Escape(pinned)}, in /", lines[1]);
    }

    [Theory]
    // natives as found → the second line
    [InlineData("b1", "0.9.0", null, "llama.cpp b1, ggml 0.9.0 (commit abc), linux-x64 CPU natives of node-llama-cpp 3.22.1, in /n")]
    [InlineData(null, "0.9.0", null, "llama.cpp (release unknown: no build metadata beside the natives), ggml 0.9.0 (commit abc), in /n")]
    [InlineData(null, null, "not found", "llama.cpp (release unknown: no build metadata beside the natives), natives not loadable: not found, in /n")]
    public void The_second_line_says_what_is_known_of_the_natives(string? release, string? ggml, string? problem, string expected)
    {
        var natives = new NativeBuildInfo("/n", "3.22.1", release, release is null ? null : "linux-x64", release is null ? null : "CPU", ggml, ggml is null ? null : "abc", problem);

        Assert.Equal($"llamacode 1.2.3\n{expected}\n", VersionOutput.Text("1.2.3", natives));
    }

    [Theory]
    // node-llama-cpp build metadata → release, platform, GPU
    [InlineData("""{"buildOptions":{"platform":"linux","arch":"x64","gpu":false,"llamaCpp":{"repo":"ggml-org/llama.cpp","release":"v0.5.0"}}}""", "v0.5.0", "linux-x64", "CPU")]
    [InlineData("""{"buildOptions":{"platform":"linux","arch":"x64","gpu":"cuda","llamaCpp":{"release":"b4500"}}}""", "b4500", "linux-x64", "CUDA")]
    [InlineData("""{"buildOptions":{}}""", null, null, null)]
    [InlineData("""not json""", null, null, null)]
    public void Build_metadata_gives_the_release_the_platform_and_the_cpu_or_gpu_flavor(string json, string? release, string? platform, string? flavor)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nlc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            Assert.Equal((release, platform, flavor), NativeBuildInfo.ReadMetadata(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
