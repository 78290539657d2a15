using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

/// <summary>Reports for the writer tests: a compiler error, a model warning, a model note and notes, some with hostile text.</summary>
public static class SampleReports
{
    public static readonly ToolInfo Tool = new("llamacode", "0.1.0");

    public static ReviewReport Typical() => new(Tool,
        [
            new ReviewFinding("src/a b.cs", 7, ReviewSeverity.Error, "CS0029", "Cannot implicitly convert type 'string' to 'int'", FindingSource.Compiler),
            new ReviewFinding("src/a b.cs", 9, ReviewSeverity.Warning, ReviewFinding.ModelRuleId, "Possible null dereference of 'name'", FindingSource.Model),
            new ReviewFinding("lib/x.cs", 1, ReviewSeverity.Note, ReviewFinding.ModelRuleId, "Consider a guard clause", FindingSource.Model),
        ],
        [new ReviewNote("skipped: binary file", "logo.png"), new ReviewNote("skipped \"../../etc/passwd\": the path leaves the workspace")],
        FilesReviewed: 2);

    /// <summary>A message that tries to end a workflow command and start another, and to break out of a Markdown table.</summary>
    public const string HostileMessage = "100% bad\r\n::error file=x.cs,line=1::pwned | <img src=x onerror=alert(1)> `code";

    public static ReviewReport Hostile() => new(Tool,
        [new ReviewFinding("we,ird:name.cs", 3, ReviewSeverity.Warning, ReviewFinding.ModelRuleId, HostileMessage, FindingSource.Model)],
        [new ReviewNote("note\n::error::pwned", "a,b.cs")],
        FilesReviewed: 1);

    public static string Render(IReportWriter writer, ReviewReport report)
    {
        var output = new StringWriter();
        writer.Write(report, output);
        return output.ToString();
    }
}
