using LlamaCode.Completion.Backends.Tokens;
using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends;

/// <summary>Generation by the prefix-cached <see cref="InferenceEngine"/> on a model loaded in this process.</summary>
public sealed class LocalEngineBackend(LlamaModel model, InferenceEngine engine) : IGenerationBackend
{
    /// <summary>The model's vocabulary, its tokens of document text cached line by line (the same ids; a keystroke tokenizes only the lines it changed).</summary>
    public ITokenizer Tokenizer { get; } = new LineCachedVocabulary(model);
    public LlamaModel? Vocabulary => model;
    public int ContextSize => engine.ContextSize;
    public bool SupportsRequiredPrefix => true;

    public InferenceEngine Engine => engine;

    public int? PrefillTokensWithin(TimeSpan target) => engine.PrefillTokensWithin(target);

    public async Task<GenerationOutput> GenerateAsync(GenerationInput input, Action<string>? onText, CancellationToken cancellationToken)
    {
        var generation = engine.Generate(ToRequest(input) with
        {
            PrefillBudgetTokens = input.PrefillBudgetTokens,
            Fallback = input.Fallback is { } fallback ? ToRequest(fallback) : null,
        }, cancellationToken);
        var text = new System.Text.StringBuilder();
        await foreach (var piece in generation.Pieces.ConfigureAwait(false))
        {
            text.Append(piece.Text);
            onText?.Invoke(text.ToString());
        }
        var stats = await generation.Completion.ConfigureAwait(false);
        return new GenerationOutput(text.ToString(), ToCompletionStats(stats),
            stats.StopReason is StopReason.MaxTokens or StopReason.TimeBudget or StopReason.ContextFull) { UsedFallback = stats.Fallback };
    }

    private static GenerationRequest ToRequest(GenerationInput input) => new(input.Prompt)
    {
        MaxTokens = input.MaxTokens,
        RequiredPrefix = input.RequiredPrefix,
        StopTokens = input.StopTokens,
        StopStrings = input.StopStrings,
        TimeBudget = input.TimeBudget,
        Priority = input.Background ? EnginePriority.Background : EnginePriority.Interactive,
        Sampling = input.Grammar is null ? SamplingOptions.Greedy : new SamplingOptions { Grammar = input.Grammar },
    };

    public static CompletionStats ToCompletionStats(GenerationStats s) =>
        new(s.PromptTokens, s.CachedTokens, s.DecodedTokens, s.GeneratedTokens, s.TimeToFirstTokenMs, s.TotalMs)
        {
            Fallback = s.Fallback,
            BackgroundPrefill = s.Speculative,
        };

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync().ConfigureAwait(false);
        model.Dispose();
    }
}
