using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

public class UnifiedDiffParserTests
{
    [Fact]
    public void A_modification_has_its_added_lines_numbered_on_the_new_side_and_its_removed_lines()
    {
        var files = UnifiedDiffParser.Parse("""
            diff --git a/src/a.cs b/src/a.cs
            index 1111111..2222222 100644
            --- a/src/a.cs
            +++ b/src/a.cs
            @@ -10,4 +10,5 @@ class C
             one
            -two
            +TWO
            +three
             four
             five
            @@ -40 +41 @@
            -x
            +y

            """);

        var file = Assert.Single(files);
        Assert.Equal(("src/a.cs", "src/a.cs", ChangeStatus.Modified), (file.OldPath, file.NewPath, file.Status));
        Assert.Equal(2, file.Hunks.Count);
        Assert.Equal([11, 12], file.Hunks[0].AddedLines);
        Assert.Equal(["two"], file.Hunks[0].RemovedLines);
        Assert.Equal((40, 1, 41, 1), (file.Hunks[1].OldStart, file.Hunks[1].OldCount, file.Hunks[1].NewStart, file.Hunks[1].NewCount));
        Assert.Equal([11, 12, 41], file.AddedLines.Order());
    }

    [Fact]
    public void Additions_and_deletions_come_from_dev_null_and_the_file_modes()
    {
        var files = UnifiedDiffParser.Parse("""
            diff --git a/new.cs b/new.cs
            new file mode 100644
            --- /dev/null
            +++ b/new.cs
            @@ -0,0 +1,2 @@
            +class N
            +{}
            diff --git a/old.cs b/old.cs
            deleted file mode 100644
            --- a/old.cs
            +++ /dev/null
            @@ -1 +0,0 @@
            -gone

            """);

        Assert.Equal([(null, "new.cs", ChangeStatus.Added), ("old.cs", null, ChangeStatus.Deleted)],
            files.Select(f => (f.OldPath, f.NewPath, f.Status)));
        Assert.Equal([1, 2], files[0].Hunks[0].AddedLines);
        Assert.Equal(["gone"], files[1].Hunks[0].RemovedLines);
    }

    [Fact]
    public void A_rename_keeps_both_paths_with_or_without_hunks()
    {
        var files = UnifiedDiffParser.Parse("""
            diff --git a/a/Old.cs b/b/New.cs
            similarity index 100%
            rename from a/Old.cs
            rename to b/New.cs
            diff --git a/x.cs b/y.cs
            similarity index 90%
            rename from x.cs
            rename to y.cs
            index 1..2 100644
            --- a/x.cs
            +++ b/y.cs
            @@ -1,2 +1,2 @@
             keep
            -old
            +new

            """);

        Assert.Equal([("a/Old.cs", "b/New.cs", ChangeStatus.Renamed, 0), ("x.cs", "y.cs", ChangeStatus.Renamed, 1)],
            files.Select(f => (f.OldPath, f.NewPath, f.Status, f.Hunks.Count)));
    }

    [Fact]
    public void Binary_files_are_marked_binary_in_both_notations()
    {
        var files = UnifiedDiffParser.Parse("""
            diff --git a/logo.png b/logo.png
            index 1..2 100644
            Binary files a/logo.png and b/logo.png differ
            diff --git a/icon.ico b/icon.ico
            new file mode 100644
            index 0000000..3
            GIT binary patch
            literal 5
            McmZQzKm`B*000310RR91

            literal 0
            HcmV?d00001

            diff --git a/after.cs b/after.cs
            --- a/after.cs
            +++ b/after.cs
            @@ -1 +1 @@
            -a
            +b

            """);

        Assert.Equal([("logo.png", ChangeStatus.Binary), ("icon.ico", ChangeStatus.Binary), ("after.cs", ChangeStatus.Modified)],
            files.Select(f => (f.DisplayPath, f.Status)));
    }

    [Fact]
    public void Crlf_lines_lose_their_carriage_return_and_the_no_newline_marker_is_kept()
    {
        var diff = "--- a/w.cs\r\n+++ b/w.cs\r\n@@ -1,2 +1,2 @@\r\n same\r\n-last\r\n\\ No newline at end of file\r\n+last;\r\n\\ No newline at end of file\r\n";

        var hunk = Assert.Single(Assert.Single(UnifiedDiffParser.Parse(diff)).Hunks);

        Assert.Equal([new DiffLine(' ', "same"), new DiffLine('-', "last") { NoNewlineAtEnd = true }, new DiffLine('+', "last;") { NoNewlineAtEnd = true }], hunk.Lines);
    }

    [Fact]
    public void Quoted_paths_are_unquoted_with_octal_utf8_escapes_and_paths_with_spaces_are_kept_whole()
    {
        var files = UnifiedDiffParser.Parse("""
            diff --git "a/caf\303\251 \"x\".cs" "b/caf\303\251 \"x\".cs"
            --- "a/caf\303\251 \"x\".cs"
            +++ "b/caf\303\251 \"x\".cs"
            @@ -1 +1 @@
            -a
            +b
            diff --git a/my file.cs b/my file.cs
            new file mode 100644
            --- /dev/null
            +++ b/my file.cs	2024-01-01 00:00:00
            @@ -0,0 +1 @@
            +x

            """);

        Assert.Equal(["café \"x\".cs", "my file.cs"], files.Select(f => f.NewPath));
    }

    [Fact]
    public void A_plain_diff_u_without_git_headers_parses_and_a_missing_count_means_one()
    {
        var file = Assert.Single(UnifiedDiffParser.Parse("--- old/a.txt\t2024-01-01\n+++ new/a.txt\t2024-01-02\n@@ -3 +3,2 @@\n-x\n+y\n+z\n"));

        Assert.Equal(("old/a.txt", "new/a.txt"), (file.OldPath, file.NewPath));
        Assert.Equal([3, 4], file.Hunks[0].AddedLines);
    }

    [Theory]
    [InlineData("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n", "ends early")]
    [InlineData("--- a/x\n+++ b/x\n@@ -1 +1 @@\n a\n+b\n+c\n", "does not fit the hunk")]
    [InlineData("--- a/x\n+++ b/x\n@@ -one +1 @@\n", "not a hunk header")]
    [InlineData("@@ -1 +1 @@\n-a\n+b\n", "before any file header")]
    [InlineData("hello, this is not a diff\n", "not a unified diff")]
    [InlineData("diff --git \"a/x b/x\n--- \"a/x\n+++ b/x\n", "unterminated quoted path")]
    public void Malformed_input_is_a_clear_error_naming_the_line(string diff, string reason)
    {
        var error = Assert.Throws<DiffFormatException>(() => UnifiedDiffParser.Parse(diff));

        Assert.Contains(reason, error.Message);
        Assert.StartsWith("diff line ", error.Message);
    }

    [Fact]
    public void An_empty_diff_has_no_files()
    {
        Assert.Empty(UnifiedDiffParser.Parse(""));
    }
}
