using LlamaCode.Engine.Probe;

namespace LlamaCode.Engine.Tests.Probe;

/// <summary>What the parent makes of how the probe child ended.</summary>
public class ChildProbeReportTests
{
    [Theory]
    // exit code, stdout, stderr → the problem (null: passed)
    [InlineData(0, "llamacode-probe: ok\n", "", null)]
    [InlineData(3, "llamacode-probe: fail the model gives non-finite logits (NaN for token 0)\n", "", "the model gives non-finite logits (NaN for token 0)")]
    [InlineData(134, "", "llama_model_loader: loaded meta data\n/home/ci/llama.cpp/src/llama-vocab.cpp:2539: GGML_ASSERT(id_to_token.size() == token_to_id.size()) failed\n",
        "llama.cpp crashed on it: llama-vocab.cpp:2539: GGML_ASSERT(id_to_token.size() == token_to_id.size()) failed")]
    [InlineData(134, "", "D:\\a\\llama\\ggml\\src\\ggml-cpu\\binary-ops.cpp:135: binary_op: unsupported types\r\n", "llama.cpp crashed on it: binary-ops.cpp:135: binary_op: unsupported types")]
    [InlineData(134, "", "terminate called after throwing an instance of 'std::out_of_range'\n  what():  _Map_base::at\n", "llama.cpp crashed on it: uncaught std::out_of_range (_Map_base::at)")]
    [InlineData(139, "", "", "llama.cpp crashed on it (signal SIGSEGV)")]
    [InlineData(137, "", "[llama.cpp Error] ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer\n", "llama.cpp crashed on it (signal SIGKILL): [llama.cpp Error] ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer")]
    [InlineData(134, "", "Unhandled exception. System.AccessViolationException: Attempted to read or write protected memory.\n   at X.Y()\n", "the first-load check failed: System.AccessViolationException: Attempted to read or write protected memory.")]
    [InlineData(0, "llamacode-probe: fail its tokenizer turns text into no tokens\n", "", "its tokenizer turns text into no tokens")]
    [InlineData(1, "", "", "llama.cpp crashed on it (exit code 1)")]
    public void Reads_the_verdict_or_the_reason_the_child_died(int exitCode, string stdout, string stderr, string? expected)
    {
        var verdict = ChildProbeReport.Interpret(exitCode, stdout, stderr, 10);

        Assert.Equal(expected, verdict.Problem);
        Assert.DoesNotContain('\n', verdict.Problem ?? "");
    }

    [Theory]
    // how the child ended → whether the same file would fail the same way again (and so whether the verdict is cached)
    [InlineData(3, "llamacode-probe: fail the model gives non-finite logits\n", true)]
    [InlineData(134, "", true)]                                                          // an assert
    [InlineData(139, "", true)]                                                          // a segmentation fault
    [InlineData(137, "", false)]                                                         // SIGKILL: the OOM killer or a user
    [InlineData(4, "llamacode-probe: error no libggml-cpu-*.so could be loaded\n", false)] // this machine, not the model
    public void Only_what_the_file_decides_is_deterministic(int exitCode, string stdout, bool deterministic) =>
        Assert.Equal(deterministic, ChildProbeReport.Interpret(exitCode, stdout, "", 10).Deterministic);
}
