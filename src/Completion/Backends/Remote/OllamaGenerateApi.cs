using System.Text.Json.Nodes;

namespace LlamaCode.Completion.Backends.Remote;

/// <summary>
/// Ollama's <c>/api/generate</c> with <c>raw: true</c> (our prompt as it is, no template), greedy, streamed as one
/// JSON object per line; the last has <c>done: true</c>, <c>done_reason</c> and the counts and durations (ns).
/// Ollama reports no cached-token count.
/// </summary>
public sealed class OllamaGenerateApi : IRemoteApi
{
    public RemoteCall Request(RemotePrompt prompt, GenerationInput input, string? model)
    {
        var options = new JsonObject { ["num_predict"] = input.MaxTokens, ["temperature"] = 0, ["top_k"] = 1 };
        if (prompt.Stop.Count > 0) options["stop"] = LlamaServerApi.Stop(prompt);
        var body = new JsonObject
        {
            ["model"] = model ?? throw new RemoteBackendException("ollama needs a model name (remoteModel / --remote-model)", RemoteFailure.RequestRejected),
            ["prompt"] = prompt.Text,
            ["raw"] = true,
            ["stream"] = true,
            ["options"] = options,
        };
        return new RemoteCall("api/generate", body);
    }

    public StreamEvent? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        var json = JsonNode.Parse(line)!.AsObject();
        if (json["error"] is { } e) return new StreamEvent("", Done: true, Error: e.ToString());
        var text = json["response"]?.GetValue<string>() ?? "";
        if (json["done"]?.GetValue<bool>() != true) return new StreamEvent(text);
        const double NsPerMs = 1e6;
        var timings = new ServerTimings(json["prompt_eval_count"]?.GetValue<int>() ?? 0, 0, json["eval_count"]?.GetValue<int>() ?? 0,
            (json["prompt_eval_duration"]?.GetValue<long>() ?? 0) / NsPerMs, (json["eval_duration"]?.GetValue<long>() ?? 0) / NsPerMs);
        return new StreamEvent(text, Done: true, HitLimit: json["done_reason"]?.GetValue<string>() == "length", Timings: timings);
    }
}
