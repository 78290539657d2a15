using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Cli;

/// <summary>`llamacode complete --model FILE` with models it can and cannot use.</summary>
public sealed class CompleteCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "llamacode-complete-" + Guid.NewGuid().ToString("N"));

    public CompleteCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    // model → exit code, what stderr says
    [InlineData("qwen2.5-coder", 0, "prompt ")]
    [InlineData("no-fim", 1, "llamacode: The model '{0}' (llama) has no fill-in-the-middle prefix, suffix or middle token")]
    [InlineData("not-gguf", 1, "llamacode: {0}: not a GGUF file")]
    public async Task A_model_it_cannot_use_gives_a_one_line_error_and_a_failing_exit_code(string model, int expectedCode, string expectedStderr)
    {
        var modelPath = model switch
        {
            "qwen2.5-coder" => DevModels.GetOrCreate(DevModelFamily.Qwen25Coder, FimTokenIds.ByTokenText),
            "no-fim" => DevModels.GetOrCreate(DevModelFamily.NoFim, FimTokenIds.InMetadata),
            _ => Write("model.gguf", "int x = 1;\n"),
        };
        var file = Write("a.cs", "int x = 1;\n");

        var (code, _, stderr) = await CliProcess.Run(null, "complete", "--model", modelPath, "--file", file, "--line", "1", "--character", "9", "--max-tokens", "4");

        Assert.Equal(expectedCode, code);
        Assert.StartsWith(string.Format(expectedStderr, modelPath), stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    // Commands that load a model: a file that is not a GGUF is one line on stderr and an exit code (review's 1 means findings, so 2 there)
    [InlineData("explain", 1)]
    [InlineData("review", 2)]
    public async Task Every_command_that_loads_a_model_refuses_an_unusable_one_in_one_line(string command, int expectedCode)
    {
        var modelPath = Write("model.gguf", "int x = 1;\n");
        var file = Write("a.cs", "int x = 1;\n");
        var diff = Write("change.diff", "--- a/a.cs\n+++ b/a.cs\n@@ -1 +1,2 @@\n int x = 1;\n+int y = 2;\n");
        string[] args = command == "explain"
            ? ["explain", "--model", modelPath, "--file", file, "--range", "1:1-1:10"]
            : ["review", "--model", modelPath, "--workspace", _folder, "--diff", diff];

        var (code, _, stderr) = await CliProcess.Run(null, args);

        Assert.Equal(expectedCode, code);
        var errorLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("llamacode: ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith($"llamacode: {modelPath}: not a GGUF file", Assert.Single(errorLines));
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    // Commands that need a model and got no --model: one line that says how to give one, exit code 2, never a generated model
    [InlineData("complete")]
    [InlineData("explain")]
    [InlineData("review")]
    public async Task A_command_that_needs_a_model_and_got_none_says_how_to_give_one(string command)
    {
        var file = Write("a.cs", "int x = 1;\n");
        var diff = Write("change.diff", "--- a/a.cs\n+++ b/a.cs\n@@ -1 +1,2 @@\n int x = 1;\n+int y = 2;\n");
        string[] args = command switch
        {
            "complete" => ["complete", "--file", file, "--line", "1", "--character", "9"],
            "explain" => ["explain", "--file", file, "--range", "1:1-1:10"],
            _ => ["review", "--workspace", _folder, "--diff", diff],
        };

        var (code, stdout, stderr) = await CliProcess.Run(null, args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("llamacode: no model given: pass --model FILE", line);
        Assert.Contains("llamacode models", line);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
