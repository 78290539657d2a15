using System.Text.Json.Nodes;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends.Remote;

/// <summary>
/// The prompt in the forms a server may take: token ids (only when they come from the model's own vocabulary), the
/// text with the FIM tokens spelled out, the server slot of its document, and the stop tokens spelled out.
/// </summary>
public sealed record RemotePrompt(IReadOnlyList<Token>? TokenIds, string Text, int? Slot)
{
    public IReadOnlyList<string> Stop { get; init; } = [];
}

/// <summary>One HTTP call: the path under the endpoint and the JSON body.</summary>
public sealed record RemoteCall(string Path, JsonObject Body);

/// <summary>What the server reported about one request (prompt tokens include the cached ones).</summary>
public sealed record ServerTimings(int PromptTokens, int CachedTokens, int GeneratedTokens, double PromptMs, double PredictedMs)
{
    public double TotalMs => PromptMs + PredictedMs;
}

/// <summary>One event of a response stream: new text, and at the end why it stopped and the server's figures.</summary>
public sealed record StreamEvent(string Text, bool Done = false, bool HitLimit = false, ServerTimings? Timings = null, string? Error = null);

/// <summary>One server API: the request for a generation, and how its stream reads. Both pure, so both are tested on recorded fixtures.</summary>
public interface IRemoteApi
{
    RemoteCall Request(RemotePrompt prompt, GenerationInput input, string? model);

    /// <summary>The event one line of the response stream holds, or null for a line that holds none (blank, comment, keep-alive).</summary>
    StreamEvent? Parse(string line);
}
