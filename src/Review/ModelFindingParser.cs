using System.Text.Json;

namespace LlamaCode.Review;

/// <summary>One comment of the model, as the grammar shapes it.</summary>
public sealed record ModelComment(int Line, ReviewSeverity Severity, string Message);

/// <summary>
/// Parses the model's answer (the grammar's JSON array) with System.Text.Json. An answer cut short (by the time
/// budget) keeps its complete comments; anything else that does not parse yields none and a reason.
/// </summary>
public static class ModelFindingParser
{
    public static (IReadOnlyList<ModelComment> Comments, string? Problem) Parse(string text)
    {
        text = text.Trim();
        if (TryParse(text) is { } all) return (all, null);
        // Cut short: close the array after the last complete object.
        var end = text.LastIndexOf('}');
        if (end > 0 && TryParse(text[..(end + 1)] + "]") is { } some) return (some, "the model's answer was cut short: its complete comments are kept");
        return ([], "the model's answer is not the expected JSON array: ignored");
    }

    private static IReadOnlyList<ModelComment>? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) return null;
            var comments = new List<ModelComment>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("line", out var line) || !line.TryGetInt32(out var number)
                    || !item.TryGetProperty("severity", out var severity) || Severity(severity.GetString()) is not { } level
                    || !item.TryGetProperty("message", out var message) || message.GetString() is not { Length: > 0 } text)
                    return null;
                comments.Add(new ModelComment(number, level, text.Trim()));
            }
            return comments;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ReviewSeverity? Severity(string? name) => name switch
    {
        "note" => ReviewSeverity.Note,
        "warning" => ReviewSeverity.Warning,
        "error" => ReviewSeverity.Error,
        _ => null,
    };
}
