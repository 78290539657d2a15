using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// Reads Content-Length framed messages from the client and passes on only those <see cref="MessageScreen"/> lets
/// through: StreamJsonRpc ends the connection on a message it cannot read, and the server must not die from one.
/// </summary>
public static class MessageFraming
{
    public const int MaxMessageBytes = 64 << 20;

    /// <summary>
    /// Pumps the messages <see cref="MessageScreen"/> passes from <paramref name="input"/> to <paramref name="output"/>;
    /// what it refuses is reported through <paramref name="onMalformed"/> and, when it was a request, answered through
    /// <paramref name="answer"/>.
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
                var framed = TryContentLength(headers, out var length, out var framing);
                if (framing.Length > 0) onMalformed(framing);
                if (!framed && length > MaxMessageBytes)
                {
                    // Well framed but over the limit: skipped whole (so the next message is read from its header), and
                    // answered when its start shows a request's id.
                    var start = await SkipAsync(reader, length, ct).ConfigureAwait(false);
                    var tooLarge = $"a message of {length:N0} bytes, over the limit of {MaxMessageBytes >> 20} MiB";
                    onMalformed(tooLarge);
                    if (RequestIdRecovery.FromBroken(start) is { } id) await answer(MessageScreen.ErrorResponse(MessageScreen.InvalidRequest, tooLarge, id)).ConfigureAwait(false);
                    continue;
                }
                if (!framed) continue;
                var body = new byte[length];
                await reader.ReadExactlyAsync(body, ct).ConfigureAwait(false);
                var (forwarded, reply, problem) = MessageScreen.Screen(body);
                if (problem is not null) onMalformed(problem);
                if (reply is not null) await answer(reply).ConfigureAwait(false);
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

    /// <summary>Reads past <paramref name="length"/> bytes, keeping the first 64 KiB.</summary>
    private static async Task<byte[]> SkipAsync(Stream reader, int length, CancellationToken ct)
    {
        var start = new byte[Math.Min(length, 1 << 16)];
        await reader.ReadExactlyAsync(start, ct).ConfigureAwait(false);
        var rest = new byte[1 << 16];
        for (var left = length - start.Length; left > 0;)
        {
            var n = await reader.ReadAsync(rest.AsMemory(0, Math.Min(left, rest.Length)), ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException();
            left -= n;
        }
        return start;
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
            if (length > MaxMessageBytes)
            {
                problem = "";
                return false;
            }
            length = 0;
            problem = $"dropped a message with an invalid Content-Length ({Clip(value)})";
            return false;
        }
        problem = $"dropped a message without a Content-Length header ({Clip(string.Join(" | ", headers))})";
        return false;
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
