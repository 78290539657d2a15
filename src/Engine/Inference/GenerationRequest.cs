using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>One generation: a prompt of token ids, how to sample, and when to stop.</summary>
public sealed record GenerationRequest(IReadOnlyList<Token> Prompt)
{
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;
    public int MaxTokens { get; init; } = 128;
    public IReadOnlyList<Token> StopTokens { get; init; } = [];
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>
    /// Text the generation must start with (token healing: the prompt's last partial word was backed off, and the model
    /// now picks its natural tokenization). Tokens that do not continue it are masked out until it is produced.
    /// </summary>
    public string? RequiredPrefix { get; init; }

    /// <summary>Generation stops (with what it has) when this much time has passed since the request was queued.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Keystrokes are interactive; explanations and reviews wait behind them in the queue.</summary>
    public EnginePriority Priority { get; init; } = EnginePriority.Interactive;

    /// <summary>
    /// Most prompt tokens this request may decode before its first sample (null: no limit). When what the cache lacks
    /// of <see cref="Prompt"/> is more, <see cref="Fallback"/> answers instead and the prompt is prefilled in the
    /// background for the next request (<see cref="AnswerPlanner"/>).
    /// </summary>
    public int? PrefillBudgetTokens { get; init; }

    /// <summary>A cheaper request for the same answer (the same cursor with less context around it), or null.</summary>
    public GenerationRequest? Fallback { get; init; }
}

/// <summary>Which queue a request waits in: the engine takes every interactive request before a background one.</summary>
public enum EnginePriority { Interactive, Background }

public enum StopReason { EndOfGeneration, StopToken, StopString, MaxTokens, TimeBudget, ContextFull }

/// <summary>A piece of generated text, with the token that produced it (text may lag a token at UTF-8 or stop-string edges).</summary>
public readonly record struct GeneratedPiece(Token Token, string Text);

/// <summary>What one request cost: the numbers behind the prefix cache.</summary>
public sealed record GenerationStats(
    int Slot,
    int PromptTokens,
    int CachedTokens,
    int DecodedTokens,
    int GeneratedTokens,
    double QueueMs,
    double PrefillMs,
    double TimeToFirstTokenMs,
    double TotalMs,
    StopReason? StopReason,
    bool Cancelled)
{
    /// <summary>The request was answered with its fallback prompt (its own prompt did not fit the prefill budget).</summary>
    public bool Fallback { get; init; }

    /// <summary>A background prefill of a prompt that a fallback answered, for the next request; no one waited for it.</summary>
    public bool Speculative { get; init; }

    /// <summary>Generated tokens per second after the first one.</summary>
    public double DecodeTokensPerSecond => GeneratedTokens > 1 && TotalMs > TimeToFirstTokenMs
        ? (GeneratedTokens - 1) / ((TotalMs - TimeToFirstTokenMs) / 1000.0) : 0;
}

/// <summary>The prompt does not fit in the context.</summary>
public sealed class PromptTooLongException(int promptTokens, int contextTokens)
    : Exception($"The prompt has {promptTokens} tokens but the context holds {contextTokens}; shorten it or raise the context size.")
{
    public int PromptTokens { get; } = promptTokens;
    public int ContextTokens { get; } = contextTokens;
}
