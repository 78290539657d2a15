using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// Reads Content-Length framed messages from the client and passes on only well-formed JSON-RPC messages.
/// StreamJsonRpc ends the connection on a message it cannot parse; the server must not die from one bad message,
/// so a malformed one is dropped (and reported) here, and a request that has an id but is otherwise invalid is
/// rewritten into a call that answers InvalidRequest with that id.
/// </summary>
public static class MessageFraming
{
    public const int MaxMessageBytes = 64 << 20;
    public const string InvalidRequestMethod = "$/llamacode/invalidRequest";

    /// <summary>
    /// Pumps well-formed messages from <paramref name="input"/> to <paramref name="output"/>. A body that is not JSON, or
    /// not a JSON object, is answered with a Parse error / Invalid Request response with a null id through
    /// <paramref name="answer"/> (JSON-RPC 2.0 §5), reported through <paramref name="onMalformed"/>, and skipped.
    /// </summary>
    public static async Task PumpAsync(Stream input, PipeWriter output, Action<string> onMalformed, Func<byte[], Task> answer, CancellationToken ct)
    {
        var reader = new BufferedStream(input, 1 << 16);
        try
        {
            while (true)
            {
                var headers = await ReadHeadersAsync(reader, ct).ConfigureAwait(false);
                if (headers is null) break; // end of input
                var framed = TryContentLength(headers, out var length, out var problem);
                if (problem.Length > 0) onMalformed(problem);
                if (!framed) continue;
                var body = new byte[length];
                await reader.ReadExactlyAsync(body, ct).ConfigureAwait(false);
                var forwarded = Check(body, out var error);
                if (error is { } issue)
                {
                    onMalformed(issue.Message);
                    if (issue.Code is { } code) await answer(ErrorResponse(code, issue.Message)).ConfigureAwait(false);
                }
                if (forwarded is null) continue;
                await output.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {forwarded.Length}\r\n\r\n"), ct).ConfigureAwait(false);
                await output.WriteAsync(forwarded, ct).ConfigureAwait(false);
            }
        }
        catch (EndOfStreamException)
        {
            onMalformed("the input ended inside a message");
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A problem with a message, and the error code to answer it with (none for a notification-like message).</summary>
    private readonly record struct Problem(string Message, int? Code);

    /// <summary>A framed JSON-RPC error response with a null id.</summary>
    private static byte[] ErrorResponse(int code, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", id = (object?)null, error = new { code, message } });
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
    }

    /// <summary>The message to forward: the body itself, a rewritten invalid request, or null to drop it.</summary>
    private static byte[]? Check(byte[] body, out Problem? problem)
    {
        problem = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            problem = new Problem($"a message that is not JSON ({e.Message})", -32700);
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = new Problem($"a message that is not a JSON object (a {root.ValueKind})", -32600);
                return null;
            }
            var hasId = root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String;
            var hasMethod = root.TryGetProperty("method", out var method);
            var isResponse = hasId && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));
            var valid = root.TryGetProperty("jsonrpc", out var version) && version.ValueKind == JsonValueKind.String && version.GetString() == "2.0"
                && ((hasMethod && method.ValueKind == JsonValueKind.String) || isResponse)
                && (!root.TryGetProperty("params", out var ps) || ps.ValueKind is JsonValueKind.Object or JsonValueKind.Array);
            if (valid) return body;
            if (!hasId)
            {
                // Without an id it may have been meant as a notification, which is never answered.
                problem = new Problem("an invalid JSON-RPC message without an id", null);
                return null;
            }
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["jsonrpc"] = "2.0", ["id"] = id.Clone(), ["method"] = InvalidRequestMethod, ["params"] = new object[] { "not a valid JSON-RPC 2.0 request" },
            });
        }
    }

    private static async Task<List<string>?> ReadHeadersAsync(Stream reader, CancellationToken ct)
    {
        var headers = new List<string>();
        var line = new List<byte>();
        var buffer = new byte[1];
        while (true)
        {
            var n = await reader.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0) return headers.Count == 0 && line.Count == 0 ? null : throw new EndOfStreamException();
            if (buffer[0] == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r') line.RemoveAt(line.Count - 1);
                if (line.Count == 0)
                {
                    if (headers.Count > 0) return headers;
                    continue; // stray blank lines between messages
                }
                headers.Add(Encoding.ASCII.GetString(line.ToArray()));
                line.Clear();
            }
            else if (line.Count < 8192) line.Add(buffer[0]);
        }
    }

    /// <summary>
    /// The Content-Length among <paramref name="headers"/>. The header is looked for anywhere in a line, so that after a
    /// frame with a wrong length the reader finds its footing again at the next message's header.
    /// </summary>
    private static bool TryContentLength(List<string> headers, out int length, out string problem)
    {
        const string name = "Content-Length:";
        length = 0;
        foreach (var header in headers)
        {
            var at = header.LastIndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (at < 0) continue;
            var value = header[(at + name.Length)..].Trim();
            if (int.TryParse(value, out length) && length is > 0 and <= MaxMessageBytes)
            {
                problem = at == 0 ? "" : "skipped bytes before a message header";
                return true;
            }
            problem = $"dropped a message with an invalid Content-Length ({Clip(value)})";
            return false;
        }
        problem = $"dropped a message without a Content-Length header ({Clip(string.Join(" | ", headers))})";
        return false;
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
