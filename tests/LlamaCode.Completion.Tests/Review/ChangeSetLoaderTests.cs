using System.Text;
using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

public class ChangeSetLoaderTests
{
    private static string AddFile(string path) => $"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1 @@\n+x\n";

    [Fact]
    public void Paths_that_leave_the_workspace_are_skipped_with_a_note_and_never_read()
    {
        using var workspace = new TempWorkspace();
        using var outside = new TempWorkspace();
        var secret = outside.Write("secret.cs", "x\n");
        workspace.Write("ok.cs", "x\n");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "link"), outside.Root);
        var diff = AddFile("../../etc/passwd") + AddFile(secret) + AddFile("link/secret.cs") + AddFile("ok.cs");

        var changes = ChangeSetLoader.Load(workspace.Root, UnifiedDiffParser.Parse(diff), new DiffBaseTexts(), new ReviewLimits());

        Assert.Equal(["ok.cs"], changes.Files.Select(f => f.Change.NewPath));
        Assert.Equal(3, changes.Notes.Count(n => n.Message.Contains("leaves the workspace")));
        Assert.All(changes.Notes, n => Assert.Null(n.Path));
    }

    [Fact]
    public void Binary_and_missing_files_are_skipped_with_a_note()
    {
        using var workspace = new TempWorkspace();
        File.WriteAllBytes(Path.Combine(workspace.Root, "blob.cs"), [0x4D, 0, 0x5A]);
        var diff = "diff --git a/logo.png b/logo.png\nBinary files a/logo.png and b/logo.png differ\n" + AddFile("blob.cs") + AddFile("absent.cs");

        var changes = ChangeSetLoader.Load(workspace.Root, UnifiedDiffParser.Parse(diff), new DiffBaseTexts(), new ReviewLimits());

        Assert.Empty(changes.Files);
        Assert.Equal([("logo.png", "skipped: binary file"), ("blob.cs", "skipped: binary file"), ("absent.cs", "skipped: the changed file is not in the workspace")],
            changes.Notes.Select(n => (n.Path, n.Message)));
    }

    [Fact]
    public void At_most_max_files_are_kept_and_the_rest_are_counted_in_a_note()
    {
        using var workspace = new TempWorkspace();
        var diff = string.Concat(Enumerable.Range(0, 5).Select(i => AddFile($"f{i}.cs")));
        for (int i = 0; i < 5; i++) workspace.Write($"f{i}.cs", "x\n");

        var changes = ChangeSetLoader.Load(workspace.Root, UnifiedDiffParser.Parse(diff), new DiffBaseTexts(), new ReviewLimits { MaxFiles = 2 });

        Assert.Equal(2, changes.Files.Count);
        Assert.Contains(changes.Notes, n => n.Message.StartsWith("3 more changed file(s) skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void A_diff_that_does_not_apply_to_the_file_on_disk_has_an_unknown_base_and_a_note()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("a.cs", "something else\n");

        var changes = ChangeSetLoader.Load(workspace.Root, UnifiedDiffParser.Parse("--- a/a.cs\n+++ b/a.cs\n@@ -1 +1 @@\n-old\n+new\n"), new DiffBaseTexts(), new ReviewLimits());

        Assert.False(Assert.Single(changes.Files).BaseKnown);
        Assert.Contains("compiler comparison skipped", Assert.Single(changes.Notes).Message);
    }

    [Fact]
    public async Task A_50_MB_diff_is_refused_before_it_is_held_whole()
    {
        var line = Encoding.UTF8.GetBytes("+" + new string('x', 1023) + "\n");
        var stream = new RepeatingStream(line, 50 * 1024);

        var error = await Assert.ThrowsAsync<ReviewInputException>(() => DiffInput.ReadBoundedAsync(stream, new ReviewLimits().MaxDiffBytes));

        Assert.Contains("larger than 10 MB", error.Message);
        Assert.True(stream.BytesRead <= 10 * 1024 * 1024 + 81920, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task A_diff_with_nul_bytes_is_refused()
    {
        await Assert.ThrowsAsync<ReviewInputException>(() => DiffInput.ReadBoundedAsync(new MemoryStream([0x2B, 0, 0x0A]), 100));
    }

    /// <summary>A stream of <paramref name="count"/> copies of a chunk, generated as read.</summary>
    private sealed class RepeatingStream(byte[] chunk, int count) : Stream
    {
        private readonly long _length = (long)chunk.Length * count;
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int length)
        {
            int n = (int)Math.Min(length, _length - BytesRead);
            for (int i = 0; i < n; i++) buffer[offset + i] = chunk[(BytesRead + i) % chunk.Length];
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
