using System.Text.Json;
using LlamaCode.DevTools.Bench;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.LanguageServer.Tests.Cli;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// The review assembly, and LibGit2Sharp with its natives, load only when review runs: the real `llamacode` process
/// writes the assemblies it loaded into <see cref="LoadedAssembliesReport.Variable"/>'s file when it exits.
/// </summary>
public sealed class ReviewAssemblyLoadingTests : IDisposable
{
    private const string Review = "LlamaCode.Review", LibGit2 = "LibGit2Sharp";
    private readonly string _folder = Directory.CreateTempSubdirectory("llamacode-loaded-").FullName;
    private string Report => Path.Combine(_folder, "loaded.txt");
    private static string TinyModel => DevModels.GetOrCreate(DevModelSize.Tiny);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Serving_a_completion_loads_neither_review_nor_libgit2()
    {
        using (var server = await ServerProcess.StartAsync(CliProcess.Executable, TinyModel, new { loadWaitMs = TestLimits.MachineBoundMs },
                   environment: new Dictionary<string, string> { [LoadedAssembliesReport.Variable] = Report }))
        {
            await server.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
            {
                textDocument = new { uri = "file:///demo/A.cs", languageId = "csharp", version = 1, text = "class A\n{\n    int F() => \n}\n" },
            });
            var result = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
            {
                textDocument = new { uri = "file:///demo/A.cs" }, position = new { line = 2, character = 15 }, context = new { triggerKind = 1 },
            }).WaitAsync(TestLimits.MachineBound);
            Assert.Equal(JsonValueKind.Array, result.GetProperty("items").ValueKind);
            Assert.Equal(0, await server.ShutdownAsync());
        }

        var loaded = File.ReadAllLines(Report);
        Assert.Contains("LlamaCode.Completion", loaded); // the report does list what the completion used
        Assert.DoesNotContain(Review, loaded);
        Assert.DoesNotContain(LibGit2, loaded);
    }

    [Theory]
    // command → whether the review assembly loads
    [InlineData("complete", false)]
    [InlineData("explain", false)]
    [InlineData("review", true)]
    public async Task Only_the_review_command_loads_the_review_assembly(string command, bool loadsReview)
    {
        var file = Path.Combine(_folder, "a.cs");
        await File.WriteAllTextAsync(file, "int x = 1;\n");
        // review: a diff whose only file leaves the workspace, so that the report is written without loading the model
        var (stdin, args) = command switch
        {
            "complete" => (null, new[] { "complete", "--model", TinyModel, "--file", file, "--line", "1", "--character", "9", "--max-tokens", "2" }),
            "explain" => (null, ["explain", "--model", TinyModel, "--file", file, "--range", "1:1-1:10", "--max-tokens", "2"]),
            _ => ("--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-root\n+evil\n",
                  new[] { "review", "--model", TinyModel, "--workspace", _folder, "--diff", "-", "--format", "json", "--fail-on", "none" }),
        };

        var (code, _, stderr) = await CliProcess.Run(stdin, new Dictionary<string, string?> { [LoadedAssembliesReport.Variable] = Report }, args);

        Assert.True(code == 0, stderr);
        var loaded = File.ReadAllLines(Report);
        Assert.Contains("LlamaCode.Completion", loaded);
        Assert.Equal(loadsReview, loaded.Contains(Review));
        if (!loadsReview) Assert.DoesNotContain(LibGit2, loaded);
    }
}
