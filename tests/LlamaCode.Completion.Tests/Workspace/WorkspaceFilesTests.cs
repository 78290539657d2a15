using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.Workspace;

public sealed class WorkspaceFilesTests : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Enumerate() => string.Join(" ", new WorkspaceFiles(workspace.Root).EnumerateRelativePaths());

    [Fact]
    public void Lists_files_with_slash_separated_relative_paths_in_ordinal_order()
    {
        workspace.Write("b.txt", "");
        workspace.Write("a/z.txt", "");
        workspace.Write("a/B.txt", "");
        workspace.Write(".git/config", "");
        workspace.Write("node_modules/x/index.js", "");

        Assert.Equal("a/B.txt a/z.txt b.txt", Enumerate());
    }

    [Fact]
    public void A_nested_gitignore_applies_to_its_folder_with_paths_relative_to_it()
    {
        workspace.Write(".gitignore", "*.log\n");
        workspace.Write("src/.gitignore", "/generated/\nlocal.txt\n");
        workspace.Write("src/generated/a.cs", "");
        workspace.Write("src/deep/generated/b.cs", "");  // "/generated/" is anchored to src/
        workspace.Write("src/local.txt", "");
        workspace.Write("local.txt", "");                 // outside src/: not ignored
        workspace.Write("src/app.log", "");
        workspace.Write("src/app.cs", "");

        Assert.Equal(".gitignore local.txt src/.gitignore src/app.cs src/deep/generated/b.cs", Enumerate());
    }

    [Fact]
    public void A_negation_re_includes_a_file_in_the_same_or_a_deeper_gitignore()
    {
        workspace.Write(".gitignore", "*.txt\n!keep.txt\n");
        workspace.Write("keep.txt", "");
        workspace.Write("drop.txt", "");
        workspace.Write("docs/.gitignore", "!notes.txt\n");
        workspace.Write("docs/notes.txt", "");
        workspace.Write("docs/other.txt", "");

        Assert.Equal(".gitignore docs/.gitignore docs/notes.txt keep.txt", Enumerate());
        var files = new WorkspaceFiles(workspace.Root);
        Assert.False(files.IsIgnored("docs/notes.txt"));
        Assert.True(files.IsIgnored("docs/other.txt"));
    }

    [Fact]
    public void A_deeper_gitignore_can_ignore_what_a_shallower_one_re_included()
    {
        workspace.Write(".gitignore", "*.txt\n!*.md.txt\n");
        workspace.Write("docs/.gitignore", "secret.md.txt\n");
        workspace.Write("docs/secret.md.txt", "");
        workspace.Write("docs/public.md.txt", "");

        Assert.Equal(".gitignore docs/.gitignore docs/public.md.txt", Enumerate());
    }

    [Fact]
    public void Info_exclude_applies_like_a_root_gitignore()
    {
        workspace.Write(".git/info/exclude", "scratch/\n");
        workspace.Write("scratch/a.cs", "");
        workspace.Write("b.cs", "");

        Assert.Equal("b.cs", Enumerate());
        Assert.True(new WorkspaceFiles(workspace.Root).IsIgnored("scratch/a.cs"));
    }

    [Theory]
    [InlineData("bin/Debug/app.dll", true)]           // in an ignored folder
    [InlineData("src/bin/x.cs", true)]                // "bin/" matches at any depth
    [InlineData("src/app.cs", false)]
    [InlineData(".git/HEAD", true)]
    [InlineData("src\\app.cs", false)]                // backslashes are separators too
    public void Tells_whether_a_path_is_ignored(string path, bool ignored)
    {
        workspace.Write(".gitignore", "bin/\n");
        Assert.Equal(ignored, new WorkspaceFiles(workspace.Root).IsIgnored(path));
    }

    [Fact]
    public void Stops_at_the_file_limit()
    {
        for (int i = 0; i < 5; i++) workspace.Write($"f{i}.txt", "");
        Assert.Equal(3, new WorkspaceFiles(workspace.Root, new WorkspaceFileOptions { MaxFiles = 3 }).EnumerateRelativePaths().Count());
    }

    [Theory]
    [InlineData("src/a.cs", true)]
    [InlineData("../outside.cs", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a\0b", false)]
    public void Resolves_only_paths_inside_the_root(string path, bool inside)
    {
        var files = new WorkspaceFiles(workspace.Root);
        Assert.Equal(inside, files.TryResolve(path) is not null);
    }

    [Fact]
    public void Converts_full_paths_to_relative_ones()
    {
        var files = new WorkspaceFiles(workspace.Root);
        Assert.Equal("src/a.cs", files.ToRelative(Path.Combine(workspace.Root, "src", "a.cs")));
        Assert.Null(files.ToRelative(Path.GetTempPath()));
    }
}
