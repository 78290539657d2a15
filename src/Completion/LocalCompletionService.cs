using LlamaCode.Completion.Backends;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Explain;
using LlamaCode.Completion.Instructions;
using LlamaCode.Completion.PostProcessing;
using LlamaCode.Completion.Prompting;
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

    /// <summary>The first-load probe (a sacrificial child process); null loads without one.</summary>
    public Engine.Probe.ModelProbe? Probe { get; init; }
}

/// <summary>
/// Completion, explanation and review answers: prompts are built here, generation goes through an
/// <see cref="IGenerationBackend"/> (the in-process engine by <see cref="LoadAsync"/>, or a remote server), and the
/// output is post-processed here, so every backend gets the same context, layout and post-processing. Every request
/// holds a lease: disposing (a reload) waits for the requests in flight, then frees the backend (and a local model).
/// A model that gives non-finite logits is unusable from then on: each request fails with the reason.
/// </summary>
public sealed class LocalCompletionService : ICompletionService, IExplainService, IConstrainedGenerator, IAsyncDisposable
{
    private readonly IGenerationBackend _backend;
    private readonly ITokenizer _model;
    private readonly ModelLeases _leases = new();
    private volatile string? _unusable;

    /// <summary>A service whose generation goes through <paramref name="backend"/> (disposed with the service).</summary>
    public LocalCompletionService(IGenerationBackend backend)
    {
        _backend = backend;
        _model = backend.Tokenizer;
    }

    private LocalCompletionService(LlamaModel model, InferenceEngine engine) : this(new LocalEngineBackend(model, engine)) { }

    public ModelInfo Model => _model.Info;

    /// <summary>Where the layers run: "CPU", or e.g. "CUDA (all layers)" (<see cref="ComputeBackend"/>), or the remote server's kind.</summary>
    public string Backend { get; init; } = "CPU";

    /// <summary>The model's tokenizer.</summary>
    public ITokenizer Tokenizer => _model;
    public int ContextSize => _backend.ContextSize;

    /// <summary>Tokens of <paramref name="text"/> with this model's tokenizer.</summary>
    public int CountTokens(string text) => _model.Tokenize(text).Length;

    /// <summary>Loads and validates the model, refusing one without FIM tokens, and starts its engine.</summary>
    public static async Task<LocalCompletionService> LoadAsync(string modelPath, LocalEngineSettings settings, CancellationToken cancellationToken = default)
    {
        var model = await ModelLoader.LoadAsync(modelPath, new ModelLoadOptions { GpuLayers = settings.GpuLayers, Probe = settings.Probe }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!model.Info.Special.HasFim) throw new ModelLacksFimException(model.Info);
            var engine = await InferenceEngine.StartAsync(model, new EngineOptions
            {
                ContextSize = settings.ContextSize, Slots = settings.Slots, Threads = settings.Threads,
            }).ConfigureAwait(false);
            return new LocalCompletionService(model, engine) { Backend = ComputeBackend.Describe(settings.GpuLayers, Engine.Native.NativeRuntime.EnsureInitialized()) };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Why the model cannot be used (it gave non-finite logits), or null.</summary>
    public string? UnusableReason => _unusable;

    public Task<CompletionResult> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken) =>
        Leased(() => CompleteLeasedAsync(request, cancellationToken));

    public Task<ExplainResult> ExplainAsync(ExplainRequest request, Action<string> onText, CancellationToken cancellationToken) =>
        Leased(() => ExplainLeasedAsync(request, onText, cancellationToken));

    public Task<ConstrainedOutput> GenerateAsync(ConstrainedInstruction instruction, CancellationToken cancellationToken) =>
        Leased(() => GenerateLeasedAsync(instruction, cancellationToken));

    /// <summary>Runs a request under a lease on the model, and marks the model unusable when it gives non-finite logits.</summary>
    private async Task<T> Leased<T>(Func<Task<T>> request)
    {
        if (_unusable is { } reason) throw new ModelUnusableException(reason);
        using var lease = _leases.Acquire();
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (ModelUnusableException e)
        {
            _unusable ??= e.Message;
            throw;
        }
    }

    private async Task<CompletionResult> CompleteLeasedAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var maxTokens = Math.Clamp(options.MaxTokens, 1, ContextSize / 2);
        var budget = (options.ContextTokenBudget > 0
            ? new TokenBudget(Math.Min(options.ContextTokenBudget, ContextSize - maxTokens))
            : TokenBudget.ForContext(ContextSize, maxTokens)) with { MaxContextTokens = Math.Max(0, options.MaxContextTokens) };
        // The composer refuses an offset outside the document.
        var query = new ContextQuery(request.WorkspacePath ?? request.DocumentPath, request.Text, request.Offset);
        var composeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var composed = await new PromptComposer(_model, request.Context).ComposeAsync(query, options.Layout, budget, cancellationToken).ConfigureAwait(false);
        var prompt = composed.Fim;
        var cursor = new CursorContext(query.Prefix, query.Suffix, request.DocumentPath);
        // Post-processing keeps one line when code follows the cursor: the engine stops there instead of decoding on.
        var midLine = cursor.IsMidLine;
        GenerationInput Input(FimPrompt fim, TokenHealingPlan healing) => new(fim.Tokens[..^healing.BackOffTokens])
        {
            MaxTokens = maxTokens + healing.BackOffTokens,
            RequiredPrefix = healing.RequiredPrefix,
            StopTokens = fim.StopTokens,
            StopStrings = midLine ? ["\n"] : [],
            TimeBudget = options.TimeBudget,
            CacheKey = request.DocumentPath,
            Fim = fim,
        };
        var healing = HealingPlan(prompt, options);
        var input = Input(prompt, healing);
        var fallback = FallbackPrompt(prompt, query, options);
        var fallbackHealing = fallback is null ? TokenHealingPlan.None : HealingPlan(fallback.Value.Prompt, options);
        if (fallback is { } small)
            input = input with { PrefillBudgetTokens = small.BudgetTokens, Fallback = Input(small.Prompt, fallbackHealing) };
        var composeMs = System.Diagnostics.Stopwatch.GetElapsedTime(composeStarted).TotalMilliseconds;

        cursor = cursor with { PreparedSyntaxCheck = CSharpSyntaxCheck.Prepare(cursor) };
        var output = await _backend.GenerateAsync(input, null, cancellationToken).ConfigureAwait(false);
        var postStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var (used, usedHealing, segments) = output.UsedFallback
            ? (fallback!.Value.Prompt, fallbackHealing, PromptComposer.Segments(fallback.Value.Prompt, query.RelativePath))
            : (prompt, healing, composed.Segments);
        var text = usedHealing.StripRequiredPrefix(output.Text);
        text = PostProcessor.Apply(PostProcessor.DefaultRules(options.StopAtBlockEnd), text, cursor with { Truncated = output.HitLimit });
        var stats = output.Stats with { ComposeMs = composeMs, PostProcessMs = System.Diagnostics.Stopwatch.GetElapsedTime(postStarted).TotalMilliseconds };
        return new CompletionResult(text, stats, new PromptSummary(used.Layout, used.Prefix, used.Suffix, used.Tokens.Length - usedHealing.BackOffTokens) { Segments = segments });
    }

    /// <summary>
    /// The keystroke's cheap prompt: the document alone, in as many tokens as the backend decodes within the prefill
    /// target (at least 128, at most 1,024), for when the full prompt's uncached part would take longer. Null when the
    /// backend cannot say how fast it is, the target is off, or the full prompt is no longer than that.
    /// </summary>
    private (FimPrompt Prompt, int BudgetTokens)? FallbackPrompt(FimPrompt full, ContextQuery query, CompletionOptions options)
    {
        if (options.PrefillTarget <= TimeSpan.Zero || _backend.PrefillTokensWithin(options.PrefillTarget) is not { } budget) return null;
        var size = Math.Clamp(budget, 128, 1024);
        if (full.Tokens.Length <= size) return null;
        var small = FimPromptBuilder.Build(_model, full.Layout, query.Prefix, query.Suffix,
            new TokenBudget(size, prefixShare: 0.75, suffixShare: 0.25, contextShare: 0), context: null, documentPath: query.RelativePath);
        return (small, budget);
    }

    /// <summary>Token healing applies where the prefix ends the prompt (SPM): there the last partial word can be backed off.</summary>
    private TokenHealingPlan HealingPlan(FimPrompt prompt, CompletionOptions options) =>
        options.TokenHealing && _backend.SupportsRequiredPrefix && prompt.Layout == FimLayout.Spm && prompt.PrefixTokenOffset + prompt.PrefixTokenCount == prompt.Tokens.Length
            ? TokenHealing.Plan(_model, prompt.PrefixTokens)
            : TokenHealingPlan.None;

    private async Task<ExplainResult> ExplainLeasedAsync(ExplainRequest request, Action<string> onText, CancellationToken cancellationToken)
    {
        if (request.Start < 0 || request.End > request.Text.Length || request.Start >= request.End)
            throw new ArgumentOutOfRangeException(nameof(request), $"the selection {request.Start}..{request.End} is empty or outside the document");
        var maxTokens = Math.Clamp(request.MaxTokens, 1, ContextSize / 2);
        var prompt = FitInstruction(ExplainPrompt.System, budgetChars => ExplainPrompt.UserMessage(request, budgetChars), maxTokens);
        var output = await _backend.GenerateAsync(new GenerationInput(prompt) { MaxTokens = maxTokens, TimeBudget = TimeSpan.FromMinutes(5), Background = true }, onText, cancellationToken).ConfigureAwait(false);
        return new ExplainResult(output.Text.Trim(), output.Stats);
    }

    /// <summary>
    /// Review answers: an instruction prompt whose answer the grammar constrains, greedy, within the instruction's token
    /// and time budgets (the token budget is capped at half the context).
    /// </summary>
    private async Task<ConstrainedOutput> GenerateLeasedAsync(ConstrainedInstruction instruction, CancellationToken cancellationToken)
    {
        var maxTokens = Math.Clamp(instruction.MaxTokens, 1, ContextSize / 2);
        var prompt = FitInstruction(instruction.System, instruction.UserMessage, maxTokens);
        var output = await _backend.GenerateAsync(new GenerationInput(prompt)
        {
            MaxTokens = maxTokens,
            TimeBudget = instruction.TimeBudget,
            Grammar = instruction.Grammar,
            Background = true,
        }, null, cancellationToken).ConfigureAwait(false);
        return new ConstrainedOutput(output.Text, output.HitLimit);
    }

    /// <summary>
    /// An instruction prompt that leaves <paramref name="maxTokens"/> of the context free: the user message gets about
    /// 3 characters per token, then is rebuilt smaller until the prompt fits.
    /// </summary>
    private Engine.Model.Token[] FitInstruction(string system, Func<int, string> userMessage, int maxTokens)
    {
        var budgetChars = (ContextSize - maxTokens) * 3;
        while (true)
        {
            var prompt = _backend.Vocabulary is { } vocabulary
                ? ChatPromptBuilder.Build(vocabulary, system, userMessage(budgetChars))
                : ChatPromptBuilder.BuildLlama2Text(_model, system, userMessage(budgetChars));
            if (prompt.Length + maxTokens <= ContextSize) return prompt;
            if (budgetChars < 200) throw new PromptTooLongException(prompt.Length, ContextSize - maxTokens);
            budgetChars = budgetChars * 3 / 4;
        }
    }

    /// <summary>True while the local engine prefills, in the background, a prompt that a fallback answered.</summary>
    public bool BackgroundPrefillPending => !BackgroundPrefillAsync().IsCompleted;

    /// <summary>Completes when the local engine's latest background prefill has ended (at once for a remote backend).</summary>
    public Task BackgroundPrefillAsync() => _backend is LocalEngineBackend local ? local.Engine.BackgroundPrefillAsync() : Task.CompletedTask;

    /// <summary>Engine stats of recent requests, as completion stats.</summary>
    public IReadOnlyList<CompletionStats> RecentStats() =>
        _backend is LocalEngineBackend local ? local.Engine.RecentStats().Select(LocalEngineBackend.ToCompletionStats).ToArray() : [];

    /// <summary>
    /// For an exit: ends the local engine's work at once (requests in flight end cancelled, queued and background work
    /// never runs), then frees everything as <see cref="DisposeAsync"/> does. A reload uses DisposeAsync, which lets
    /// the requests in flight finish.
    /// </summary>
    public ValueTask StopAsync()
    {
        if (_backend is LocalEngineBackend local) local.Engine.Stop();
        return DisposeAsync();
    }

    /// <summary>Refuses new requests, waits for those in flight to end, then frees the backend (the engine and the model).</summary>
    public async ValueTask DisposeAsync()
    {
        await _leases.CloseAsync().ConfigureAwait(false);
        await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
