namespace LlamaCode.Review;

/// <summary>
/// GitHub Actions workflow commands (<c>::warning file=…,line=…,title=…::message</c>), one line each, for annotations in
/// a pull request. Data is escaped ('%', CR, LF) and properties too (also ':' and ','), so no text of the change can end
/// a command or start another.
/// </summary>
public sealed class GithubAnnotationsWriter : IReportWriter
{
    public void Write(ReviewReport report, TextWriter output)
    {
        foreach (var f in report.Findings)
        {
            var command = f.Severity switch { ReviewSeverity.Error => "error", ReviewSeverity.Warning => "warning", _ => "notice" };
            output.Write($"::{command} file={Property(f.Path)},line={f.Line},title={Property($"{report.Tool.Name} {f.RuleId}")}::{Data(f.Message)}\n");
        }
        foreach (var note in report.Notes)
        {
            output.Write(note.Path is { } path
                ? $"::notice file={Property(path)},title={Property($"{report.Tool.Name} note")}::{Data(note.Message)}\n"
                : $"::notice title={Property($"{report.Tool.Name} note")}::{Data(note.Message)}\n");
        }
    }

    public static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    public static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
