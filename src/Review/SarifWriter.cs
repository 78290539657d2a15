using System.Text.Json;

namespace LlamaCode.Review;

/// <summary>
/// SARIF 2.1.0 (the format GitHub code scanning and GitLab read): one run, a rule per compiler id plus one for all model
/// findings, results with level, message and a physical location relative to the <c>SRCROOT</c> base, and the notes as
/// tool execution notifications of the invocation.
/// </summary>
public sealed class SarifWriter : IReportWriter
{
    public const string SrcRoot = "SRCROOT";

    public void Write(ReviewReport report, TextWriter output)
    {
        var rules = report.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();
        var sarif = new Dictionary<string, object?>
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["tool"] = new { driver = new { name = report.Tool.Name, version = report.Tool.Version, semanticVersion = report.Tool.Version, informationUri = report.Tool.InformationUri, rules = rules.Select(Rule).ToArray() } },
                    ["originalUriBaseIds"] = new Dictionary<string, object> { [SrcRoot] = new { description = new { text = "The root of the reviewed workspace." } } },
                    ["invocations"] = new[] { new { executionSuccessful = true, toolExecutionNotifications = report.Notes.Select(Notification).ToArray() } },
                    ["results"] = report.Findings.Select(f => Result(f, rules.IndexOf(f.RuleId))).ToArray(),
                },
            },
        };
        output.Write(JsonSerializer.Serialize(sarif, Options));
        output.WriteLine();
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static object Rule(string id) => id == ReviewFinding.ModelRuleId
        ? new { id, name = "ModelReview", shortDescription = new { text = "A review comment of the language model on an added line (advice, not proof)." } }
        : new { id, name = id, shortDescription = new { text = $"C# compiler diagnostic {id}, introduced by the change." }, helpUri = $"https://learn.microsoft.com/dotnet/csharp/misc/{id.ToLowerInvariant()}" } as object;

    private static object Result(ReviewFinding f, int ruleIndex) => new
    {
        ruleId = f.RuleId,
        ruleIndex,
        level = ReportFormats.SeverityName(f.Severity),
        message = new { text = f.Message },
        locations = new[] { Location(f.Path, f.Line) },
        properties = new { source = f.Source == FindingSource.Compiler ? "compiler" : "model" },
    };

    private static object Notification(ReviewNote note) => note.Path is { } path
        ? new { level = "note", message = new { text = note.Message }, locations = new[] { Location(path, null) } }
        : new { level = "note", message = new { text = note.Message } } as object;

    private static object Location(string path, int? line) => line is { } l
        ? new { physicalLocation = new { artifactLocation = Artifact(path), region = new { startLine = l } } }
        : new { physicalLocation = new { artifactLocation = Artifact(path) } } as object;

    private static object Artifact(string path) => new { uri = RelativeUri(path), uriBaseId = SrcRoot };

    /// <summary>A relative URI reference of a workspace path: each segment percent-encoded.</summary>
    public static string RelativeUri(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
