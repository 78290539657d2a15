using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCode.DevTools.Bench.Fuzz;

/// <summary>
/// One framed message of a fuzz run and what the server owes for it: an answer whose id has the key
/// <see cref="AnswerKey"/> (see <see cref="FuzzIds.Key"/>; "null" for an answer with a null id), or none.
/// </summary>
public sealed record FuzzMessage(string Kind, byte[] Frame, string? AnswerKey)
{
    public static FuzzMessage Json(string kind, string json, string? answerKey) => Raw(kind, Encoding.UTF8.GetBytes(json), answerKey);

    public static FuzzMessage Raw(string kind, byte[] body, string? answerKey, string headers = "") =>
        new(kind, [.. Encoding.ASCII.GetBytes($"{headers}Content-Length: {body.Length}\r\n\r\n"), .. body], answerKey);
}

/// <summary>The messages of one scenario, sent back to back; the driver waits for their answers before the next.</summary>
public sealed record FuzzStep(string Scenario, IReadOnlyList<FuzzMessage> Messages);

/// <summary>How request ids compare: by value for strings and 64-bit integers, by their JSON text otherwise.</summary>
public static class FuzzIds
{
    public const string NullKey = "null";

    public static string Key(JsonElement id)
    {
        switch (id.ValueKind)
        {
            case JsonValueKind.Null:
                return NullKey;
            case JsonValueKind.Number when id.TryGetInt64(out var n):
                return "n:" + n.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                try
                {
                    return "s:" + id.GetString();
                }
                catch (InvalidOperationException)
                {
                    return "r:" + id.GetRawText();
                }
            default:
                return "r:" + id.GetRawText();
        }
    }

    /// <summary>The key of an id given as JSON text.</summary>
    public static string KeyOf(string idJson)
    {
        using var doc = JsonDocument.Parse(idJson);
        return Key(doc.RootElement);
    }
}
