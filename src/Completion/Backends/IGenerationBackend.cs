using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends;

/// <summary>
/// One generation asked of a backend: the prompt exactly as the local engine would decode it, and when to stop.
/// Everything before (context, FIM layout, budget) and after (post-processing) is the same for every backend.
/// </summary>
public sealed record GenerationInput(IReadOnlyList<Token> Prompt)
{
    public int MaxTokens { get; init; } = 128;
    public IReadOnlyList<Token> StopTokens { get; init; } = [];
    /// <summary>Texts that end generation where they appear (not part of the output), decided in the decode loop.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Work that may wait behind keystrokes (explain, review).</summary>
    public bool Background { get; init; }
    /// <summary>Text the generation must start with (token healing); only backends with <see cref="IGenerationBackend.SupportsRequiredPrefix"/> get one.</summary>
    public string? RequiredPrefix { get; init; }
    /// <summary>Generation stops with what it has when this much time has passed.</summary>
    public TimeSpan? TimeBudget { get; init; }
    /// <summary>A GBNF grammar the output must follow (review), or null.</summary>
    public string? Grammar { get; init; }
    /// <summary>Requests with the same key (a document) go to the same server slot, where their common prefix is cached.</summary>
    public string? CacheKey { get; init; }
    /// <summary>The FIM prompt's parts, for a server that lays out the prompt itself (llama-server's /infill).</summary>
    public FimPrompt? Fim { get; init; }

    /// <summary>
    /// Most prompt tokens the answer may decode (<see cref="IGenerationBackend.PrefillTokensWithin"/>); when the cache
    /// lacks more of <see cref="Prompt"/>, <see cref="Fallback"/> answers and the prompt is prefilled for the next request.
    /// </summary>
    public int? PrefillBudgetTokens { get; init; }

    /// <summary>A cheaper input for the same cursor (the document alone, in a small window), or null.</summary>
    public GenerationInput? Fallback { get; init; }
}

/// <summary>What a generation produced, and whether it stopped at a limit (tokens, time, context) rather than by itself.</summary>
public sealed record GenerationOutput(string Text, CompletionStats Stats, bool HitLimit)
{
    /// <summary>The input's <see cref="GenerationInput.Fallback"/> answered, not its prompt.</summary>
    public bool UsedFallback { get; init; }
}

/// <summary>
/// Where generation happens: the in-process engine (<see cref="LocalEngineBackend"/>) or an inference server
/// (<see cref="Remote.RemoteGenerationBackend"/>). The completion service builds prompts with <see cref="Tokenizer"/>
/// and hands them over here.
/// </summary>
public interface IGenerationBackend : IAsyncDisposable
{
    /// <summary>What the prompts are tokenized with (the model's vocabulary, or an approximation for a remote model).</summary>
    ITokenizer Tokenizer { get; }

    /// <summary>The loaded model's vocabulary with its chat template, when this process has one (local, or a vocabulary-only copy).</summary>
    LlamaModel? Vocabulary { get; }

    /// <summary>Tokens the model's context holds.</summary>
    int ContextSize { get; }

    /// <summary>True when <see cref="GenerationInput.RequiredPrefix"/> is honoured (token healing needs it).</summary>
    bool SupportsRequiredPrefix { get; }

    /// <summary>
    /// Prompt tokens this backend decodes within <paramref name="target"/>, from its measured speed; null when it
    /// cannot say (then no fallback is built and no budget applies).
    /// </summary>
    int? PrefillTokensWithin(TimeSpan target) => null;

    /// <summary>Generates; <paramref name="onText"/> (optional) gets the text so far as it grows.</summary>
    Task<GenerationOutput> GenerateAsync(GenerationInput input, Action<string>? onText, CancellationToken cancellationToken);
}
