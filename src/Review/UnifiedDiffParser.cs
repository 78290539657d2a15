using System.Text.RegularExpressions;

namespace LlamaCode.Review;

/// <summary>
/// Parses unified diffs as <c>git diff</c> and <c>diff -u</c> write them, in managed code: git headers, "---"/"+++"
/// (with "/dev/null" for additions and deletions), renames, binary files ("Binary files … differ", "GIT binary patch"),
/// hunks with optional counts, CRLF lines, "\ No newline at end of file" and C-quoted paths. Text before the first
/// file header and between files (a mail header, a signature) is ignored, as patch(1) does; a broken hunk is an error.
/// </summary>
public static partial class UnifiedDiffParser
{
    public static IReadOnlyList<FileChange> Parse(string diff)
    {
        var lines = diff.Split('\n');
        // A final line break leaves an empty last element that is not a line.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var files = new List<FileChange>();
        FileBuilder? file = null;
        bool afterHunk = false;
        for (int i = 0; i < count; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            int number = i + 1;
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                Flush();
                file = new FileBuilder { IsGit = true };
                (file.OldPath, file.NewPath) = GitHeaderPaths(line["diff --git ".Length..], number);
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal) && i + 1 < count && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                // A "---" without a git header starts a new file; after one it belongs to it (unless hunks came already).
                if (file is null || file.Hunks.Count > 0 || file.SawFileLines) { Flush(); file = new FileBuilder(); }
                file.SawFileLines = true;
                file.OldPath = HeaderPath(line[4..], number, out var oldNull);
                file.OldIsDevNull = oldNull;
                var plus = lines[++i].TrimEnd('\r');
                file.NewPath = HeaderPath(plus[4..], i + 1, out var newNull);
                file.NewIsDevNull = newNull;
            }
            else if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                if (file is null) throw new DiffFormatException(number, "a hunk before any file header");
                i = ReadHunk(lines, count, i, file);
                afterHunk = true;
                continue;
            }
            else if (afterHunk && (line.StartsWith('+') || (line.StartsWith('-') && !line.StartsWith("--", StringComparison.Ordinal))))
            {
                throw new DiffFormatException(number, $"the line does not fit the hunk before it (more lines than its header counts): {Shorten(line)}");
            }
            else if (file is not null && file.Hunks.Count == 0)
            {
                ReadExtendedHeader(line, number, file);
            }
            // Anything else is text between files: ignored.
            afterHunk = false;
        }
        Flush();
        if (files.Count == 0 && diff.AsSpan().Trim().Length > 0)
            throw new DiffFormatException(1, "no file header (\"diff --git\" or \"---\"/\"+++\") found: not a unified diff");
        return files;

        void Flush()
        {
            if (file is not null) files.Add(file.Build());
            file = null;
        }
    }

    private static void ReadExtendedHeader(string line, int number, FileBuilder file)
    {
        if (!file.IsGit)
        {
            if (line.StartsWith("Binary files ", StringComparison.Ordinal)) file.Binary = true;
            return;
        }
        if (line.StartsWith("new file mode", StringComparison.Ordinal)) file.OldIsDevNull = true;
        else if (line.StartsWith("deleted file mode", StringComparison.Ordinal)) file.NewIsDevNull = true;
        else if (line.StartsWith("rename from ", StringComparison.Ordinal)) { file.OldPath = Unquote(line["rename from ".Length..], number); file.Renamed = true; }
        else if (line.StartsWith("rename to ", StringComparison.Ordinal)) { file.NewPath = Unquote(line["rename to ".Length..], number); file.Renamed = true; }
        else if (line.StartsWith("copy from ", StringComparison.Ordinal)) file.OldPath = Unquote(line["copy from ".Length..], number);
        else if (line.StartsWith("copy to ", StringComparison.Ordinal)) { file.NewPath = Unquote(line["copy to ".Length..], number); file.Copied = true; }
        else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line == "GIT binary patch") file.Binary = true;
        // index, similarity index, dissimilarity index, old mode, new mode and the binary patch's data: nothing to keep.
    }

    /// <summary>Reads the hunk whose header is at <paramref name="start"/>; returns the index of its last line.</summary>
    private static int ReadHunk(string[] lines, int count, int start, FileBuilder file)
    {
        var header = lines[start].TrimEnd('\r');
        var match = HunkHeader().Match(header);
        if (!match.Success) throw new DiffFormatException(start + 1, $"not a hunk header: {Shorten(header)}");
        int oldStart = int.Parse(match.Groups[1].Value), oldCount = Count(match.Groups[2]);
        int newStart = int.Parse(match.Groups[3].Value), newCount = Count(match.Groups[4]);
        if (oldCount < 0 || newCount < 0) throw new DiffFormatException(start + 1, "hunk counts out of range");
        int oldLeft = oldCount, newLeft = newCount;
        var hunkLines = new List<DiffLine>();
        int i = start;
        while (oldLeft > 0 || newLeft > 0 || (i + 1 < count && lines[i + 1].StartsWith('\\')))
        {
            if (++i >= count) throw new DiffFormatException(i, $"the hunk at line {start + 1} ends early ({oldLeft} old and {newLeft} new lines missing)");
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.StartsWith('\\'))
            {
                if (hunkLines.Count == 0) throw new DiffFormatException(i + 1, "\"\\ No newline at end of file\" before any line");
                hunkLines[^1] = hunkLines[^1] with { NoNewlineAtEnd = true };
                continue;
            }
            // Some tools strip the space of an empty context line.
            char kind = line.Length == 0 ? ' ' : line[0];
            var text = line.Length == 0 ? string.Empty : line[1..];
            switch (kind)
            {
                case ' ' when oldLeft > 0 && newLeft > 0: oldLeft--; newLeft--; break;
                case '-' when oldLeft > 0: oldLeft--; break;
                case '+' when newLeft > 0: newLeft--; break;
                default: throw new DiffFormatException(i + 1, $"the line does not fit the hunk at line {start + 1} ({oldLeft} old and {newLeft} new lines expected): {Shorten(line)}");
            }
            hunkLines.Add(new DiffLine(kind, text));
        }
        file.Hunks.Add(new DiffHunk(oldStart, oldCount, newStart, newCount, hunkLines));
        return i;

        static int Count(Group g) => g.Success ? int.Parse(g.Value) : 1;
    }

    /// <summary>The two paths of "diff --git a/x b/y" (quoted or not); "rename"/"---" lines may still replace them.</summary>
    private static (string? Old, string? New) GitHeaderPaths(string rest, int number)
    {
        if (rest.StartsWith('"'))
        {
            var end = QuotedEnd(rest);
            var old = Unquote(rest[..(end + 1)], number);
            return (StripPrefix(old), StripPrefix(Unquote(rest[(end + 1)..].TrimStart(), number)));
        }
        var quoted = rest.IndexOf(" \"", StringComparison.Ordinal);
        if (quoted >= 0) return (StripPrefix(rest[..quoted]), StripPrefix(Unquote(rest[(quoted + 1)..], number)));
        // Unquoted paths may hold spaces: "a/P b/P" splits in the middle when both name the same file.
        if (rest.Length % 2 == 1)
        {
            var half = rest.Length / 2;
            var (a, b) = (rest[..half], rest[(half + 1)..]);
            if (rest[half] == ' ' && StripPrefix(a) == StripPrefix(b)) return (StripPrefix(a), StripPrefix(b));
        }
        var space = rest.IndexOf(" b/", StringComparison.Ordinal);
        return space >= 0 ? (StripPrefix(rest[..space]), StripPrefix(rest[(space + 1)..])) : (null, null);
    }

    /// <summary>A "---"/"+++" path: quoted or not, a tab and timestamp removed, "/dev/null" as null.</summary>
    private static string? HeaderPath(string text, int number, out bool devNull)
    {
        var path = text.StartsWith('"') ? Unquote(text[..(QuotedEnd(text) + 1)], number) : text.Split('\t')[0].TrimEnd();
        devNull = path == "/dev/null";
        return devNull ? null : StripPrefix(path);
    }

    private static string StripPrefix(string path) =>
        path.StartsWith("a/", StringComparison.Ordinal) || path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;

    private static int QuotedEnd(string text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }
        return text.Length - 1;
    }

    /// <summary>Git's C-style quoting: \" \\ \t \n \r \a \b \f \v and octal bytes (UTF-8) inside double quotes.</summary>
    internal static string Unquote(string text, int number)
    {
        if (!text.StartsWith('"')) return text;
        if (text.Length < 2 || !text.EndsWith('"')) throw new DiffFormatException(number, $"unterminated quoted path: {Shorten(text)}");
        var bytes = new List<byte>();
        for (int i = 1; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (c != '\\') { bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString())); continue; }
            if (++i >= text.Length - 1) throw new DiffFormatException(number, "a quoted path ends in a backslash");
            c = text[i];
            if (c is >= '0' and <= '3' && i + 2 < text.Length - 1)
            {
                bytes.Add(Convert.ToByte(text.Substring(i, 3), 8));
                i += 2;
                continue;
            }
            bytes.Add(c switch
            {
                '"' => (byte)'"', '\\' => (byte)'\\', 't' => (byte)'\t', 'n' => (byte)'\n', 'r' => (byte)'\r',
                'a' => 7, 'b' => 8, 'f' => 12, 'v' => 11,
                _ => throw new DiffFormatException(number, $"unknown escape \\{c} in a quoted path"),
            });
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";

    [GeneratedRegex(@"^@@ -(\d{1,9})(?:,(\d{1,9}))? \+(\d{1,9})(?:,(\d{1,9}))? @@")]
    private static partial Regex HunkHeader();

    private sealed class FileBuilder
    {
        public bool IsGit;
        public bool SawFileLines;
        public string? OldPath;
        public string? NewPath;
        public bool OldIsDevNull;
        public bool NewIsDevNull;
        public bool Renamed;
        public bool Copied;
        public bool Binary;
        public readonly List<DiffHunk> Hunks = [];

        public FileChange Build()
        {
            var status = Binary ? ChangeStatus.Binary
                : OldIsDevNull || Copied ? ChangeStatus.Added
                : NewIsDevNull ? ChangeStatus.Deleted
                : Renamed || (OldPath is not null && NewPath is not null && OldPath != NewPath) ? ChangeStatus.Renamed
                : ChangeStatus.Modified;
            return new FileChange(OldIsDevNull ? null : OldPath, NewIsDevNull ? null : NewPath, status, Hunks.ToArray());
        }
    }
}
