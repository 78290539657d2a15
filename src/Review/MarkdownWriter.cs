using System.Text;

namespace LlamaCode.Review;

/// <summary>
/// A pull request comment: a summary line, a table of findings and the notes. Text from the change or the model is
/// escaped so that it stays inside its table cell (no HTML, no pipes, no line breaks, no code spans that run on).
/// </summary>
public sealed class MarkdownWriter : IReportWriter
{
    public void Write(ReviewReport report, TextWriter output)
    {
        var text = new StringBuilder();
        text.Append("## ").Append(report.Tool.Name).Append(" review\n\n");
        var errors = report.Findings.Count(f => f.Severity == ReviewSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == ReviewSeverity.Warning);
        var notes = report.Findings.Count - errors - warnings;
        text.Append($"{report.FilesReviewed} file(s) reviewed: {errors} error(s), {warnings} warning(s), {notes} note(s).\n\n");
        if (report.Findings.Count > 0)
        {
            text.Append("| Severity | Location | Rule | Message |\n|---|---|---|---|\n");
            foreach (var f in report.Findings)
                text.Append($"| {ReportFormats.SeverityName(f.Severity)} | {Cell(f.Path)}:{f.Line} | {Cell(f.RuleId)} | {Cell(f.Message)} |\n");
            text.Append('\n');
        }
        if (report.Notes.Count > 0)
        {
            text.Append("<details><summary>Notes</summary>\n\n");
            foreach (var note in report.Notes)
                text.Append("- ").Append(note.Path is { } path ? Cell(path) + ": " : "").Append(Cell(note.Message)).Append('\n');
            text.Append("\n</details>\n\n");
        }
        text.Append($"_Compiler findings are introduced diagnostics; `{ReviewFinding.ModelRuleId}` comments come from a local model ({Cell(report.Tool.Name)} {Cell(report.Tool.Version)})._\n");
        output.Write(text.ToString());
    }

    /// <summary>One line of inert Markdown: HTML and Markdown punctuation escaped, line breaks as spaces.</summary>
    public static string Cell(string text)
    {
        var cell = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') cell.Append(' ');
            else if (c == '<') cell.Append("&lt;");
            else if (c == '>') cell.Append("&gt;");
            else if (c == '&') cell.Append("&amp;");
            else if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' or '!') cell.Append('\\').Append(c);
            else if (!char.IsControl(c)) cell.Append(c);
        }
        return cell.ToString();
    }
}
