using System.Diagnostics;
using System.Text.Json;
using LibGit2Sharp;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.ModelGenerator;
using LlamaCode.Review;
using NJsonSchema;

namespace LlamaCode.LanguageServer.Tests.Cli;

/// <summary>`llamacode review` as CI runs it: the real executable on a temp git repository with two commits.</summary>
public sealed class ReviewCommandTests : IDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "llamacode-review-cli-" + Guid.NewGuid().ToString("N"));

    private const string Before = "class C\n{\n    void M()\n    {\n        int unused;\n    }\n}\n";
    private const string After = "class C\n{\n    void M()\n    {\n        int unused;\n        int x = \"s\";\n    }\n}\n";

    public ReviewCommandTests()
    {
        Repository.Init(_root);
        using var repository = new Repository(_root);
        Commit(repository, "src/C.cs", Before, "one");
        Commit(repository, "src/C.cs", After, "two");
    }

    private void Commit(Repository repository, string path, string text, string message)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        Commands.Stage(repository, path);
        var signature = new Signature("test", "test@example.com", DateTimeOffset.UnixEpoch);
        repository.Commit(message, signature, signature);
    }

    private static string TinyModel => DevModels.GetOrCreate(DevModelSize.Tiny);

    private static Task<(int Code, string Stdout, string Stderr)> Run(string? stdin, params string[] args) => CliProcess.Run(stdin, args);

    [Fact]
    public void The_format_option_accepts_exactly_the_report_formats()
    {
        Assert.Equal(ReportFormats.ByName.Keys.Order(), ReviewCommand.FormatNames.Order());
    }

    [Fact]
    public async Task A_base_revision_with_an_introduced_error_gives_valid_sarif_in_the_output_file_and_exit_code_1()
    {
        var output = Path.Combine(_root, "review.sarif");

        var (code, stdout, stderr) = await Run(null, "review", "--model", TinyModel, "--workspace", _root, "--base", "HEAD~1", "--format", "sarif", "--output", output);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("[1/1] src/C.cs", stderr);
        var sarif = await File.ReadAllTextAsync(output);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json"));
        Assert.Empty(schema.Validate(sarif).Select(e => $"{e.Path}: {e.Kind}"));
        using var document = JsonDocument.Parse(sarif);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var error = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "CS0029");
        Assert.Equal(6, error.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.DoesNotContain(results, r => r.GetProperty("ruleId").GetString() == "CS0168");
    }

    [Fact]
    public async Task A_diff_on_stdin_reports_json_on_stdout_notes_path_escapes_and_exits_0_when_fail_on_is_none()
    {
        var diff = "--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-root\n+evil\n";

        var (code, stdout, _) = await Run(diff, "review", "--model", TinyModel, "--workspace", _root, "--diff", "-", "--format", "json", "--fail-on", "none");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(0, document.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Contains("leaves the workspace", document.RootElement.GetProperty("notes")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null, new[] { "review", "--workspace", "{root}" }, "give exactly one of --base REV and --diff")]
    [InlineData(null, new[] { "review", "--model", "{model}", "--workspace", "{root}", "--base", "no-such-revision" }, "names no commit")]
    [InlineData("@@ -1 +1 @@\n-a\n+b\n", new[] { "review", "--model", "{model}", "--workspace", "{root}", "--diff", "-" }, "before any file header")]
    [InlineData(null, new[] { "review", "--model", "{model}", "--workspace", "{root}", "--diff", "{root}/missing.diff" }, "no such diff file")]
    public async Task Bad_usage_or_input_exits_2_with_a_one_line_reason_on_stderr(string? stdin, string[] args, string reason)
    {
        var (code, stdout, stderr) = await Run(stdin, args.Select(a => a.Replace("{root}", _root).Replace("{model}", TinyModel)).ToArray());

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(reason, line);
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException) { }
    }
}
