using LlamaCode.Completion.Backends.Tokens;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaCode.Completion.Backends.Remote.Tokens;

/// <summary>The server's /tokenize could not answer in time, or answered with something that is not tokens.</summary>
public sealed class TokenizeFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// llama-server's <c>POST /tokenize</c> with <c>with_pieces</c>, called synchronously (the prompt builder's tokenizer is
/// synchronous) on the backend's pooled keep-alive connections, within a time limit. Several texts go in one request
/// as a JSON array: llama-server tokenizes each string of it on its own and returns the tokens one after the other.
/// </summary>
internal sealed class TokenizeEndpoint(HttpClient http, Uri url, Action<HttpRequestMessage> authorize)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Requests answered so far (for the log and the tests).</summary>
    public long Requests => Interlocked.Read(ref _requests);
    private long _requests;

    /// <summary>Tokenizes <paramref name="texts"/>, each on its own, within <paramref name="timeout"/> (default <see cref="Timeout"/>).</summary>
    public IReadOnlyList<ServerToken> Tokenize(IReadOnlyList<string> texts, bool parseSpecial, bool addSpecial = false, TimeSpan? timeout = null)
    {
        var limitAfter = timeout ?? Timeout;
        var content = texts.Count == 1 ? (JsonNode)texts[0] : new JsonArray(texts.Select(t => (JsonNode)t).ToArray());
        var body = new JsonObject { ["content"] = content, ["add_special"] = addSpecial, ["parse_special"] = parseSpecial, ["with_pieces"] = true };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        authorize(request);
        using var limit = new CancellationTokenSource(limitAfter);
        try
        {
            using var response = http.Send(request, HttpCompletionOption.ResponseContentRead, limit.Token);
            if (!response.IsSuccessStatusCode) throw new TokenizeFailedException($"/tokenize answered HTTP {(int)response.StatusCode}");
            using var stream = response.Content.ReadAsStream(limit.Token);
            using var json = JsonDocument.Parse(stream);
            Interlocked.Increment(ref _requests);
            return Parse(json.RootElement);
        }
        catch (OperationCanceledException e) when (limit.IsCancellationRequested)
        {
            throw new TokenizeFailedException($"/tokenize gave no answer within {limitAfter.TotalMilliseconds:F0} ms", e);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException or OverflowException)
        {
            throw new TokenizeFailedException($"/tokenize failed: {e.Message}", e);
        }
    }

    /// <summary>{"tokens": [{"id": 1, "piece": "text" or [bytes]}]}: a piece that is not valid UTF-8 comes as its bytes.</summary>
    internal static ServerToken[] Parse(JsonElement root)
    {
        var tokens = root.GetProperty("tokens");
        var result = new ServerToken[tokens.GetArrayLength()];
        int i = 0;
        foreach (var token in tokens.EnumerateArray())
        {
            var piece = token.GetProperty("piece");
            byte[] bytes = piece.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetBytes(piece.GetString()!)
                : piece.EnumerateArray().Select(b => checked((byte)b.GetInt32())).ToArray();
            result[i++] = new ServerToken(token.GetProperty("id").GetInt32(), bytes);
        }
        return result;
    }
}
