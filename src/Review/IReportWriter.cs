namespace LlamaCode.Review;

/// <summary>Writes a review report in one output format.</summary>
public interface IReportWriter
{
    void Write(ReviewReport report, TextWriter output);
}

/// <summary>The report formats, by their command-line names.</summary>
public static class ReportFormats
{
    public static readonly IReadOnlyDictionary<string, IReportWriter> ByName = new Dictionary<string, IReportWriter>(StringComparer.Ordinal)
    {
        ["sarif"] = new SarifWriter(),
        ["github"] = new GithubAnnotationsWriter(),
        ["markdown"] = new MarkdownWriter(),
        ["json"] = new JsonReportWriter(),
    };

    public static string SeverityName(ReviewSeverity severity) => severity switch
    {
        ReviewSeverity.Error => "error",
        ReviewSeverity.Warning => "warning",
        _ => "note",
    };
}
