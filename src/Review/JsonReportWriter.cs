using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlamaCode.Review;

/// <summary>
/// The report as JSON for scripts: <c>{"version": 1, "tool": {…}, "filesReviewed": N, "findings": [{path, line,
/// severity, ruleId, message, source}], "notes": [{message, path}]}</c>. <see cref="FormatVersion"/> changes only
/// when a field changes meaning or goes away.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Write(ReviewReport report, TextWriter output)
    {
        output.Write(JsonSerializer.Serialize(new
        {
            version = FormatVersion,
            tool = report.Tool,
            filesReviewed = report.FilesReviewed,
            findings = report.Findings,
            notes = report.Notes,
        }, Options));
        output.WriteLine();
    }
}
