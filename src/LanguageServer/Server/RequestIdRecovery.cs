using System.Text;
using System.Text.Json;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// The id of a request whose body cannot be read whole (cut short, not UTF-8, nested too deep), so that the client
/// waiting on it gets its error: the top-level members are read in order up to the fault, and an id counts only beside
/// a method (a broken response must not be answered as if it were a request).
/// </summary>
public static class RequestIdRecovery
{
    /// <summary>The id's JSON text (a string or an integer), or null when the body does not show one.</summary>
    public static byte[]? FromBroken(ReadOnlySpan<byte> body)
    {
        byte[]? id = null;
        var method = false;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MessageScreen.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                var isMethod = reader.ValueTextEquals("method"u8);
                if (!reader.Read()) break;
                if (isId) id = IdText(ref reader);
                else if (isMethod) method = reader.TokenType == JsonTokenType.String;
                if (id != null && method) return id;
                if (!reader.TrySkip()) break;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The fault: what was read before it stands.
        }
        return method ? id : null;
    }

    private static byte[]? IdText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n)) return Encoding.ASCII.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (reader.TokenType != JsonTokenType.String) return null;
        // Re-encoded from the decoded value, so that a string with invalid UTF-8 or a lone surrogate is no id.
        var value = reader.GetString()!;
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value));
    }
}
