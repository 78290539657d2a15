using LibGit2Sharp;
using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

/// <summary>The change from git: the working tree (with the index) against a base revision.</summary>
public class GitChangeSourceTests
{
    private static void Commit(Repository repository, string message)
    {
        Commands.Stage(repository, "*");
        var signature = new Signature("test", "test@example.com", DateTimeOffset.UnixEpoch);
        repository.Commit(message, signature, signature);
    }

    [Fact]
    public void Renames_deletions_additions_and_uncommitted_edits_are_found_with_their_base_texts()
    {
        using var workspace = new TempWorkspace();
        Repository.Init(workspace.Root);
        using var repository = new Repository(workspace.Root);
        var moved = string.Concat(Enumerable.Range(1, 20).Select(i => $"// line {i}\n"));
        workspace.Write("src/Old.cs", moved);
        workspace.Write("gone.cs", "class Gone {}\n");
        workspace.Write("edited.cs", "class E {}\n");
        Commit(repository, "base");
        Commands.Move(repository, "src/Old.cs", "src/New.cs");
        File.Delete(Path.Combine(workspace.Root, "gone.cs"));
        workspace.Write("added.cs", "class A {}\n");
        Commit(repository, "head");
        workspace.Write("edited.cs", "class E { int x = \"s\"; }\n");   // not committed: the working tree counts

        var (root, changes, baseTexts) = GitChangeSource.Load(Path.Combine(workspace.Root, "src"), "HEAD~1", new ReviewLimits());

        Assert.Equal(Path.GetFullPath(workspace.Root).TrimEnd('/'), root);
        Assert.Equal([("added.cs", ChangeStatus.Added), ("edited.cs", ChangeStatus.Modified), ("gone.cs", ChangeStatus.Deleted), ("src/New.cs", ChangeStatus.Renamed)],
            changes.Select(c => (c.DisplayPath, c.Status)).OrderBy(c => c.DisplayPath, StringComparer.Ordinal));
        var edited = changes.Single(c => c.DisplayPath == "edited.cs");
        Assert.Equal("class E {}\n", baseTexts.Get(edited, null).Text);
        Assert.Equal(moved, baseTexts.Get(changes.Single(c => c.Status == ChangeStatus.Renamed), null).Text);
        Assert.Null(baseTexts.Get(changes.Single(c => c.Status == ChangeStatus.Added), null).Text);
    }

    [Fact]
    public void An_unknown_revision_is_bad_input()
    {
        using var workspace = new TempWorkspace();
        Repository.Init(workspace.Root);
        using (var repository = new Repository(workspace.Root))
        {
            workspace.Write("a.cs", "x\n");
            Commit(repository, "one");
        }

        var error = Assert.Throws<ReviewInputException>(() => GitChangeSource.Load(workspace.Root, "no-such-branch", new ReviewLimits()));

        Assert.Contains("no-such-branch", error.Message);
    }
}
