using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Explain;

/// <summary>Explain the code between <see cref="Start"/> and <see cref="End"/> (UTF-16 offsets into <see cref="Text"/>).</summary>
public sealed record ExplainRequest(string DocumentPath, string Text, int Start, int End, int MaxTokens = 512);

public sealed record ExplainResult(string Markdown, CompletionStats? Stats);

/// <summary>Explanations of selected code, streamed as they are generated.</summary>
public interface IExplainService
{
    Task<ExplainResult> ExplainAsync(ExplainRequest request, Action<string> onText, CancellationToken cancellationToken);
}

/// <summary>Builds the explain prompt: the selection, marked, inside the lines around it, within the token budget.</summary>
public static class ExplainPrompt
{
    public const string System =
        "You are an expert C# and .NET engineer. Explain the code the user selected: what it does, how, and anything " +
        "surprising or risky. Be concise and answer in Markdown.";

    /// <summary>The user message, with as many surrounding lines as fit in <paramref name="budgetChars"/> characters.</summary>
    public static string UserMessage(ExplainRequest request, int budgetChars)
    {
        var selection = request.Text[request.Start..request.End];
        var room = Math.Max(0, budgetChars - selection.Length) / 2;
        var before = request.Text[..request.Start];
        var after = request.Text[request.End..];
        before = before.Length <= room ? before : before[(before.IndexOf('\n', before.Length - room - 1) + 1)..];
        after = after.Length <= room ? after : after[..Math.Max(0, after.LastIndexOf('\n', room))];
        var language = Path.GetExtension(request.DocumentPath).TrimStart('.') is "cs" or "" ? "csharp" : Path.GetExtension(request.DocumentPath).TrimStart('.');
        return $"File: {Path.GetFileName(request.DocumentPath)}\n\n```{language}\n{before}/* SELECTION START */{selection}/* SELECTION END */{after}\n```\n\n" +
               "Explain the code between SELECTION START and SELECTION END.";
    }
}
