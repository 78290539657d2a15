using LlamaCode.Completion.Context;
using LlamaCode.Completion.Explain;
using LlamaCode.Completion.PostProcessing;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Review;
using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion;

/// <summary>How the in-process engine is set up for a model.</summary>
public sealed record LocalEngineSettings
{
    public int GpuLayers { get; init; }
    public int ContextSize { get; init; } = 4096;
    public int Slots { get; init; } = 4;
    public int Threads { get; init; }
}

/// <summary>Completions from a model loaded in this process, decoded by the prefix-cached <see cref="InferenceEngine"/>.</summary>
public sealed class LocalCompletionService : ICompletionService, IExplainService, IConstrainedGenerator, IAsyncDisposable
{
    private readonly LlamaModel _model;
    private readonly InferenceEngine _engine;

    private LocalCompletionService(LlamaModel model, InferenceEngine engine)
    {
        _model = model;
        _engine = engine;
    }

    public ModelInfo Model => _model.Info;

    /// <summary>The model's tokenizer.</summary>
    public ITokenizer Tokenizer => _model;
    public int ContextSize => _engine.ContextSize;

    /// <summary>Tokens of <paramref name="text"/> with this model's tokenizer.</summary>
    public int CountTokens(string text) => _model.Tokenize(text).Length;

    /// <summary>Loads and validates the model, refusing one without FIM tokens, and starts its engine.</summary>
    public static async Task<LocalCompletionService> LoadAsync(string modelPath, LocalEngineSettings settings, CancellationToken cancellationToken = default)
    {
        var model = await Task.Run(() => LlamaModel.Load(modelPath, new ModelLoadOptions { GpuLayers = settings.GpuLayers }), cancellationToken).ConfigureAwait(false);
        try
        {
            if (!model.Info.Special.HasFim) throw new ModelLacksFimException(model.Info);
            var engine = await InferenceEngine.StartAsync(model, new EngineOptions
            {
                ContextSize = settings.ContextSize, Slots = settings.Slots, Threads = settings.Threads,
            }).ConfigureAwait(false);
            return new LocalCompletionService(model, engine);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public async Task<CompletionResult> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var maxTokens = Math.Clamp(options.MaxTokens, 1, _engine.ContextSize / 2);
        var budget = (options.ContextTokenBudget > 0
            ? new TokenBudget(Math.Min(options.ContextTokenBudget, _engine.ContextSize - maxTokens))
            : TokenBudget.ForContext(_engine.ContextSize, maxTokens)) with { MaxContextTokens = Math.Max(0, options.MaxContextTokens) };
        // The composer refuses an offset outside the document.
        var query = new ContextQuery(request.WorkspacePath ?? request.DocumentPath, request.Text, request.Offset);
        var composed = await new PromptComposer(_model, request.Context).ComposeAsync(query, options.Layout, budget, cancellationToken).ConfigureAwait(false);
        var prompt = composed.Fim;
        var healing = HealingPlan(prompt, options);
        // Post-processing keeps one line when code follows the cursor: the engine stops there instead of decoding on.
        var midLine = new CursorContext(query.Prefix, query.Suffix, request.DocumentPath, false).IsMidLine;
        var generation = _engine.Generate(new GenerationRequest(prompt.Tokens[..^healing.BackOffTokens])
        {
            MaxTokens = maxTokens + healing.BackOffTokens,
            RequiredPrefix = healing.RequiredPrefix,
            StopTokens = prompt.StopTokens,
            StopStrings = midLine ? ["\n"] : [],
            TimeBudget = options.TimeBudget,
        }, cancellationToken);
        var (text, stats) = await generation.ReadAllAsync().ConfigureAwait(false);
        text = healing.StripRequiredPrefix(text);
        bool truncated = stats.StopReason is StopReason.MaxTokens or StopReason.TimeBudget or StopReason.ContextFull;
        text = PostProcessor.Apply(PostProcessor.DefaultRules(options.StopAtBlockEnd), text, new CursorContext(query.Prefix, query.Suffix, request.DocumentPath, truncated));
        return new CompletionResult(text, ToCompletionStats(stats), new PromptSummary(prompt.Layout, prompt.Prefix, prompt.Suffix, prompt.Tokens.Length - healing.BackOffTokens) { Segments = composed.Segments });
    }

    /// <summary>Token healing applies where the prefix ends the prompt (SPM): there the last partial word can be backed off.</summary>
    private TokenHealingPlan HealingPlan(FimPrompt prompt, CompletionOptions options) =>
        options.TokenHealing && prompt.Layout == FimLayout.Spm && prompt.PrefixTokenOffset + prompt.PrefixTokenCount == prompt.Tokens.Length
            ? TokenHealing.Plan(_model, prompt.PrefixTokens)
            : TokenHealingPlan.None;

    public async Task<ExplainResult> ExplainAsync(ExplainRequest request, Action<string> onText, CancellationToken cancellationToken)
    {
        if (request.Start < 0 || request.End > request.Text.Length || request.Start >= request.End)
            throw new ArgumentOutOfRangeException(nameof(request), $"the selection {request.Start}..{request.End} is empty or outside the document");
        var maxTokens = Math.Clamp(request.MaxTokens, 1, _engine.ContextSize / 2);
        var prompt = FitInstruction(ExplainPrompt.System, budgetChars => ExplainPrompt.UserMessage(request, budgetChars), maxTokens);
        var generation = _engine.Generate(new GenerationRequest(prompt) { MaxTokens = maxTokens, TimeBudget = TimeSpan.FromMinutes(5), Priority = EnginePriority.Background }, cancellationToken);
        var text = new System.Text.StringBuilder();
        await foreach (var piece in generation.Pieces.ConfigureAwait(false))
        {
            text.Append(piece.Text);
            onText(text.ToString());
        }
        return new ExplainResult(text.ToString().Trim(), ToCompletionStats(await generation.Completion.ConfigureAwait(false)));
    }

    /// <summary>
    /// Review answers: an instruction prompt whose answer the grammar constrains, greedy, within the instruction's token
    /// and time budgets (the token budget is capped at half the context).
    /// </summary>
    public async Task<ConstrainedOutput> GenerateAsync(ConstrainedInstruction instruction, CancellationToken cancellationToken)
    {
        var maxTokens = Math.Clamp(instruction.MaxTokens, 1, _engine.ContextSize / 2);
        var prompt = FitInstruction(instruction.System, instruction.UserMessage, maxTokens);
        var generation = _engine.Generate(new GenerationRequest(prompt)
        {
            MaxTokens = maxTokens,
            TimeBudget = instruction.TimeBudget,
            Sampling = new SamplingOptions { Grammar = instruction.Grammar },
            Priority = EnginePriority.Background,
        }, cancellationToken);
        var (text, stats) = await generation.ReadAllAsync().ConfigureAwait(false);
        return new ConstrainedOutput(text, stats.StopReason is StopReason.MaxTokens or StopReason.TimeBudget or StopReason.ContextFull);
    }

    /// <summary>
    /// An instruction prompt that leaves <paramref name="maxTokens"/> of the context free: the user message gets about
    /// 3 characters per token, then is rebuilt smaller until the prompt fits.
    /// </summary>
    private Engine.Model.Token[] FitInstruction(string system, Func<int, string> userMessage, int maxTokens)
    {
        var budgetChars = (_engine.ContextSize - maxTokens) * 3;
        while (true)
        {
            var prompt = ChatPromptBuilder.Build(_model, system, userMessage(budgetChars));
            if (prompt.Length + maxTokens <= _engine.ContextSize) return prompt;
            if (budgetChars < 200) throw new PromptTooLongException(prompt.Length, _engine.ContextSize - maxTokens);
            budgetChars = budgetChars * 3 / 4;
        }
    }

    /// <summary>Engine stats of recent requests, as completion stats.</summary>
    public IReadOnlyList<CompletionStats> RecentStats() => _engine.RecentStats().Select(ToCompletionStats).ToArray();

    private static CompletionStats ToCompletionStats(GenerationStats s) =>
        new(s.PromptTokens, s.CachedTokens, s.DecodedTokens, s.GeneratedTokens, s.TimeToFirstTokenMs, s.TotalMs);

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        _model.Dispose();
    }
}
