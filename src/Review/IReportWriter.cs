namespace LlamaCode.Review;

/// <summary>Writes a review report in one output format.</summary>
public interface IReportWriter
{
    void Write(ReviewReport report, TextWriter output);
}

/// <summary>The report formats, by their command-line names.</summary>
public static class ReportFormats
{
    // Constants: the compiler copies their values into the command line that lists them, so listing the names does not
    // load this assembly (the language server loads it only when review runs).
    public const string Sarif = "sarif", Github = "github", Markdown = "markdown", Json = "json";

    public static readonly IReadOnlyDictionary<string, IReportWriter> ByName = new Dictionary<string, IReportWriter>(StringComparer.Ordinal)
    {
        [Sarif] = new SarifWriter(),
        [Github] = new GithubAnnotationsWriter(),
        [Markdown] = new MarkdownWriter(),
        [Json] = new JsonReportWriter(),
    };

    public static string SeverityName(ReviewSeverity severity) => severity switch
    {
        ReviewSeverity.Error => "error",
        ReviewSeverity.Warning => "warning",
        _ => "note",
    };
}
