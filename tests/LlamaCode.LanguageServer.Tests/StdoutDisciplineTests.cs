using System.Text.RegularExpressions;
using LlamaCode.ModelGenerator;

namespace LlamaCode.LanguageServer.Tests;

/// <summary>In the server, stdout is the protocol pipe: no code outside the CLI commands writes to it.</summary>
public class StdoutDisciplineTests
{
    private static readonly Regex StdoutUse = new(@"Console\s*\.\s*(Out\b|Write|OpenStandardOutput)", RegexOptions.Compiled);

    [Fact]
    public void Only_the_cli_and_the_stdio_stream_owner_touch_stdout()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => !f.Contains(Path.Combine("LanguageServer", "Cli") + Path.DirectorySeparatorChar))
            .Where(f => !f.EndsWith(Path.Combine("Server", "StdioStreams.cs"), StringComparison.Ordinal))
            .Where(f => StdoutUse.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(src, f));
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_serve_command_takes_stdout_only_through_StdioStreams()
    {
        var serve = File.ReadAllText(Path.Combine(RepoRoot(), "src", "LanguageServer", "Cli", "ServeCommand.cs"));
        Assert.DoesNotMatch(StdoutUse, serve);
        Assert.Contains("StdioStreams.Open()", serve);
    }

    private static string RepoRoot() => DevModels.RepositoryRoot() ?? throw new InvalidOperationException("not run from a LlamaCode checkout");
}
