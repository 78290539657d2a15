using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaCode.Completion.Backends.Remote;

/// <summary>
/// llama-server's native API. With token ids, <c>/completion</c> gets exactly the prompt the local engine would decode;
/// without them (no local vocabulary), <c>/infill</c> lays out the FIM prompt on the server. The request keeps the
/// prompt cached (<c>cache_prompt</c>) in the document's slot (<c>id_slot</c>) and caps the time
/// (<c>t_max_predict_ms</c>); the response streams as server-sent events.
/// </summary>
public sealed class LlamaServerApi : IRemoteApi
{
    public RemoteCall Request(RemotePrompt prompt, GenerationInput input, string? model)
    {
        var body = new JsonObject();
        string path;
        if (prompt.TokenIds is { } ids)
        {
            path = "completion";
            body["prompt"] = new JsonArray(ids.Select(t => (JsonNode)t.Id).ToArray());
        }
        else if (input.Fim is { } fim)
        {
            path = "infill";
            body["input_prefix"] = fim.Prefix;
            body["input_suffix"] = fim.Suffix;
            body["input_extra"] = new JsonArray(fim.Context.Select(b => (JsonNode)new JsonObject { ["filename"] = b.Path, ["text"] = b.Text }).ToArray());
            body["prompt"] = "";
        }
        else
        {
            path = "completion";
            body["prompt"] = prompt.Text;
        }
        body["n_predict"] = input.MaxTokens;
        body["stream"] = true;
        body["cache_prompt"] = true;
        if (prompt.Slot is { } slot) body["id_slot"] = slot;
        body["temperature"] = 0;
        if (prompt.Stop.Count > 0) body["stop"] = Stop(prompt);
        body["top_k"] = 1;
        if (input.TimeBudget is { } budget) body["t_max_predict_ms"] = (int)Math.Max(1, budget.TotalMilliseconds);
        if (input.Grammar is { } grammar) body["grammar"] = grammar;
        return new RemoteCall(path, body);
    }

    public StreamEvent? Parse(string line)
    {
        if (ServerSentEvents.ErrorData(line) is { } error) return new StreamEvent("", Done: true, Error: ErrorMessage(error));
        if (ServerSentEvents.Data(line) is not { } data) return null;
        var json = JsonNode.Parse(data)!.AsObject();
        if (json["error"] is { } e) return new StreamEvent("", Done: true, Error: ErrorMessage(e.ToJsonString()));
        var text = json["content"]?.GetValue<string>() ?? "";
        if (json["stop"]?.GetValue<bool>() != true) return new StreamEvent(text);
        var stopType = json["stop_type"]?.GetValue<string>();
        return new StreamEvent(text, Done: true, HitLimit: stopType == "limit" || json["truncated"]?.GetValue<bool>() == true, Timings: Timings(json["timings"]));
    }

    internal static JsonArray Stop(RemotePrompt prompt) => new(prompt.Stop.Select(s => (JsonNode)s).ToArray());

    /// <summary>llama-server's timings object (also sent by its OpenAI-compatible routes): prompt_n counts only the tokens it decoded.</summary>
    internal static ServerTimings? Timings(JsonNode? timings)
    {
        if (timings is not JsonObject t) return null;
        int cached = t["cache_n"]?.GetValue<int>() ?? 0;
        return new ServerTimings(
            (t["prompt_n"]?.GetValue<int>() ?? 0) + cached, cached, t["predicted_n"]?.GetValue<int>() ?? 0,
            t["prompt_ms"]?.GetValue<double>() ?? 0, t["predicted_ms"]?.GetValue<double>() ?? 0);
    }

    /// <summary>The message of llama-server's error object ({"error": {"code", "message", "type"}}), or the raw text.</summary>
    internal static string ErrorMessage(string json)
    {
        try
        {
            var node = JsonNode.Parse(json);
            var error = node?["error"] ?? node;
            return error?["message"]?.GetValue<string>() ?? (error is JsonValue v ? v.ToString() : json);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
