using System.Text.Json.Nodes;

namespace LlamaCode.Completion.Backends.Remote;

/// <summary>
/// OpenAI-compatible <c>/v1/completions</c> (vLLM, SGLang, llama-server): the raw prompt as text with the model
/// family's FIM tokens spelled out, never <c>suffix</c> (vLLM rejects it), greedy, streamed as server-sent events
/// ending with <c>data: [DONE]</c>. Prefix caching is the server's (vLLM's automatic prefix caching, SGLang's
/// RadixAttention), which our cache-stable prompt layout serves as it serves our own KV cache.
/// </summary>
public sealed class OpenAiCompletionsApi : IRemoteApi
{
    public RemoteCall Request(RemotePrompt prompt, GenerationInput input, string? model)
    {
        var body = new JsonObject
        {
            ["model"] = model ?? "default",
            ["prompt"] = prompt.Text,
            ["max_tokens"] = input.MaxTokens,
            ["temperature"] = 0,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        if (prompt.Stop.Count > 0) body["stop"] = LlamaServerApi.Stop(prompt);
        return new RemoteCall("v1/completions", body);
    }

    public StreamEvent? Parse(string line)
    {
        if (ServerSentEvents.Data(line) is not { } data) return null;
        if (data == "[DONE]") return new StreamEvent("", Done: true);
        var json = JsonNode.Parse(data)!.AsObject();
        if (json["error"] is { } e) return new StreamEvent("", Done: true, Error: LlamaServerApi.ErrorMessage(json.ToJsonString()));
        var choice = json["choices"] is JsonArray { Count: > 0 } choices ? choices[0] : null;
        var text = choice?["text"]?.GetValue<string>() ?? "";
        var finish = choice?["finish_reason"]?.GetValue<string>();
        var timings = LlamaServerApi.Timings(json["timings"]) ?? Usage(json["usage"]);
        // The finish reason comes before [DONE] (and before a usage-only chunk): it is not the end of the stream.
        return new StreamEvent(text, HitLimit: finish == "length", Timings: timings);
    }

    private static ServerTimings? Usage(JsonNode? usage) => usage is JsonObject u
        ? new ServerTimings(u["prompt_tokens"]?.GetValue<int>() ?? 0, u["prompt_tokens_details"]?["cached_tokens"]?.GetValue<int>() ?? 0,
            u["completion_tokens"]?.GetValue<int>() ?? 0, 0, 0)
        : null;
}
