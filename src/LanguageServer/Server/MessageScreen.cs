using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// What becomes of one message body: passed on to StreamJsonRpc (<see cref="Forward"/>), answered here with an error
/// (<see cref="Answer"/>, a framed response), or dropped; <see cref="Problem"/> says why when it is not passed on as sent.
/// </summary>
public readonly record struct Screened(byte[]? Forward, byte[]? Answer, string? Problem);

/// <summary>
/// Screens each message body before StreamJsonRpc sees it. StreamJsonRpc ends the whole connection on a message it
/// cannot read (invalid UTF-8 in the method name, an id that is not an integer, an error without a code, …), so only
/// messages it reads without fault are passed on. Everything else is answered here when it was a request whose id can
/// be read (even from a body that is not JSON), with a null id when it cannot be (JSON-RPC 2.0 §5), and dropped
/// unanswered when it was a notification or a response. `"params": null` is read as no parameters, as LSP clients send it
/// for methods that take none (eglot's shutdown and exit).
/// </summary>
public static class MessageScreen
{
    /// <summary>StreamJsonRpc's own limit (JsonDocumentOptions' default): a deeper message would end its connection.</summary>
    public const int MaxDepth = 64;

    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;

    public static Screened Screen(byte[] body)
    {
        if (!Utf8.IsValid(body))
            return Refuse(ParseError, "a message that is not valid UTF-8", RequestIdRecovery.FromBroken(body));
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return Refuse(ParseError, $"a message that is not JSON ({Clip(e.Message)})", RequestIdRecovery.FromBroken(body));
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Refuse(InvalidRequest, $"a message that is not a JSON object (a {root.ValueKind})", null);
            var hasId = root.TryGetProperty("id", out var id);
            var isRequest = root.TryGetProperty("method", out var method);
            var isResponse = !isRequest && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));
            var problem = VersionProblem(root)
                ?? (isRequest ? RequestProblem(method, hasId ? id : null, root)
                    : isResponse ? ResponseProblem(hasId ? id : null, root)
                    : "neither a request nor a response");
            if (problem is null)
                return new Screened(root.TryGetProperty("params", out var ps) && ps.ValueKind == JsonValueKind.Null ? WithoutParams(root) : body, null, null);
            // A response is never answered, nor what may have been meant as a notification (no id).
            if (isResponse || !hasId) return new Screened(null, null, problem);
            return Refuse(InvalidRequest, problem, EchoableId(id));
        }
    }

    private static string? VersionProblem(JsonElement root) =>
        root.TryGetProperty("jsonrpc", out var v) && v.ValueKind == JsonValueKind.String && v.ValueEquals("2.0"u8) ? null : "not JSON-RPC 2.0 (\"jsonrpc\": \"2.0\" is missing)";

    private static string? RequestProblem(JsonElement method, JsonElement? id, JsonElement root)
    {
        if (!IsReadableString(method)) return "the method is not a string (or has an escape that does not decode)";
        if (id is { } given && !IsReadableId(given) && given.ValueKind != JsonValueKind.Null) return "the id is not an integer or a string (an integer that fits 64 bits)";
        if (root.TryGetProperty("params", out var ps) && ps.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            return "params is not an object or an array";
        return null;
    }

    private static string? ResponseProblem(JsonElement? id, JsonElement root)
    {
        if (id is not { } given || !IsReadableId(given)) return "a response whose id is not an integer or a string";
        if (root.TryGetProperty("result", out _)) return null;
        var error = root.GetProperty("error");
        return error.ValueKind == JsonValueKind.Object
               && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out _)
               && error.TryGetProperty("message", out var message) && IsReadableString(message)
            ? null
            : "an error response without an integer code and a message";
    }

    /// <summary>The ids StreamJsonRpc reads: strings and integers that fit a long.</summary>
    private static bool IsReadableId(JsonElement id) =>
        id.ValueKind == JsonValueKind.Number ? id.TryGetInt64(out _) : IsReadableString(id);

    /// <summary>A string whose escapes decode (a lone surrogate such as "\ud800" does not).</summary>
    private static bool IsReadableString(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) return false;
        try
        {
            e.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>An id as the client wrote it, when it is one JSON-RPC allows (a string or a number), to answer with.</summary>
    private static byte[]? EchoableId(JsonElement id) =>
        id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? Encoding.UTF8.GetBytes(id.GetRawText()) : null;

    /// <summary>The message with its null params left out.</summary>
    private static byte[] WithoutParams(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
                if (!property.NameEquals("params")) property.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static Screened Refuse(int code, string problem, byte[]? rawId) => new(null, ErrorResponse(code, problem, rawId), problem);

    /// <summary>A framed JSON-RPC error response; <paramref name="rawId"/> is the id's JSON text, null for a null id.</summary>
    public static byte[] ErrorResponse(int code, string message, byte[]? rawId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (rawId is null) writer.WriteNullValue();
            else writer.WriteRawValue(rawId, skipInputValidation: false);
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {buffer.WrittenCount}\r\n\r\n"), .. buffer.WrittenSpan];
    }

    private static string Clip(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
