using System.Text.Json;
using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

public class TextFormatWriterTests
{
    [Fact]
    public void Github_annotations_are_one_workflow_command_per_finding_and_note()
    {
        var lines = SampleReports.Render(new GithubAnnotationsWriter(), SampleReports.Typical()).TrimEnd('\n').Split('\n');

        Assert.Equal([
            "::error file=src/a b.cs,line=7,title=llamacode CS0029::Cannot implicitly convert type 'string' to 'int'",
            "::warning file=src/a b.cs,line=9,title=llamacode LLAMA0001::Possible null dereference of 'name'",
            "::notice file=lib/x.cs,line=1,title=llamacode LLAMA0001::Consider a guard clause",
            "::notice file=logo.png,title=llamacode note::skipped: binary file",
            "::notice title=llamacode note::skipped \"../../etc/passwd\": the path leaves the workspace",
        ], lines);
    }

    [Fact]
    public void Github_escaping_keeps_hostile_text_inside_its_command()
    {
        var lines = SampleReports.Render(new GithubAnnotationsWriter(), SampleReports.Hostile()).TrimEnd('\n').Split('\n');

        Assert.Equal([
            "::warning file=we%2Cird%3Aname.cs,line=3,title=llamacode LLAMA0001::100%25 bad%0D%0A::error file=x.cs,line=1::pwned | <img src=x onerror=alert(1)> `code",
            "::notice file=a%2Cb.cs,title=llamacode note::note%0A::error::pwned",
        ], lines);
    }

    [Fact]
    public void Markdown_has_a_summary_a_table_row_per_finding_and_the_notes()
    {
        var markdown = SampleReports.Render(new MarkdownWriter(), SampleReports.Typical());

        Assert.Contains("2 file(s) reviewed: 1 error(s), 1 warning(s), 1 note(s).", markdown);
        Assert.Contains("| error | src/a b.cs:7 | CS0029 | Cannot implicitly convert type 'string' to 'int' |", markdown);
        Assert.Contains("- logo.png: skipped: binary file", markdown);
    }

    [Fact]
    public void Markdown_escaping_keeps_hostile_text_in_one_inert_table_cell()
    {
        var markdown = SampleReports.Render(new MarkdownWriter(), SampleReports.Hostile());

        var row = Assert.Single(markdown.Split('\n'), l => l.StartsWith("| warning", StringComparison.Ordinal));
        Assert.Equal(5, row.Replace("\\|", "").Count(c => c == '|'));   // four cells: the escaped pipe does not open a fifth
        Assert.DoesNotContain("<img", markdown);
        Assert.Contains("\\| &lt;img src=x onerror=alert(1)&gt; \\`code", row);
    }

    [Fact]
    public void Json_has_a_version_field_and_the_findings_and_notes()
    {
        using var document = JsonDocument.Parse(SampleReports.Render(new JsonReportWriter(), SampleReports.Typical()));
        var root = document.RootElement;

        Assert.Equal(JsonReportWriter.FormatVersion, root.GetProperty("version").GetInt32());
        var first = root.GetProperty("findings")[0];
        Assert.Equal(("src/a b.cs", 7, "error", "CS0029", "compiler"),
            (first.GetProperty("path").GetString(), first.GetProperty("line").GetInt32(), first.GetProperty("severity").GetString(),
             first.GetProperty("ruleId").GetString(), first.GetProperty("source").GetString()));
        Assert.Equal(2, root.GetProperty("notes").GetArrayLength());
    }
}
