namespace LlamaCode.Completion;

/// <summary>Which order Code Llama's fill-in-the-middle prompt puts prefix and suffix in.</summary>
public enum FimLayout
{
    /// <summary>Prefix, suffix, middle: [BOS, PRE] prefix [SUF] suffix [MID].</summary>
    Psm,
    /// <summary>Suffix, prefix, middle: [BOS, PRE, SUF] suffix [MID] prefix.</summary>
    Spm,
}

/// <summary>Settings of one completion, in domain terms (the LSP layer maps its settings onto this).</summary>
public sealed record CompletionOptions
{
    public int MaxTokens { get; init; } = 128;
    /// <summary>SPM by default: typing only extends the end of the prompt, so the KV cache serves it (docs/benchmarks.md).</summary>
    public FimLayout Layout { get; init; } = FimLayout.Spm;
    /// <summary>Tokens of the model context the prompt may use (0 = the context size minus MaxTokens).</summary>
    public int ContextTokenBudget { get; init; }
    /// <summary>Most prompt tokens for context from other files (symbol stubs, snippets); 0 = none.</summary>
    public int MaxContextTokens { get; init; } = 2048;
    public bool StopAtBlockEnd { get; init; } = true;
    /// <summary>In SPM, back off a partial word at the cursor and make the generation start by re-spelling it.</summary>
    public bool TokenHealing { get; init; } = true;
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a keystroke may spend decoding prompt tokens the cache lacks (a first fill, a jump, a context change):
    /// beyond that, a small prompt of the document alone answers and the full prompt is prefilled in the background.
    /// Zero: always the full prompt (one-shot runs, where nothing comes next).
    /// </summary>
    public TimeSpan PrefillTarget { get; init; } = TimeSpan.FromMilliseconds(300);
}

/// <summary>A request for the text to insert at <see cref="Offset"/> (UTF-16 code units into <see cref="Text"/>).</summary>
public sealed record CompletionRequest(string DocumentPath, string Text, int Offset, CompletionOptions Options)
{
    /// <summary>Where context from other files comes from (null: the document alone).</summary>
    public Context.IContextSource? Context { get; init; }

    /// <summary>The document's path relative to the workspace root, as context sources know it (null: <see cref="DocumentPath"/>).</summary>
    public string? WorkspacePath { get; init; }
}

/// <summary>Engine figures for one request, for stats and the status bar.</summary>
public sealed record CompletionStats(int PromptTokens, int CachedTokens, int DecodedTokens, int GeneratedTokens, double TimeToFirstTokenMs, double TotalMs)
{
    /// <summary>The time a remote server reported for the request (prompt + generation), when it reports one.</summary>
    public double? ServerMs { get; init; }

    /// <summary>Answered with the fallback prompt (the document alone, in a small window): the full prompt did not fit the prefill budget.</summary>
    public bool Fallback { get; init; }

    /// <summary>Not an answer: the background prefill of a full prompt that a fallback answered, for the next keystroke.</summary>
    public bool BackgroundPrefill { get; init; }

    /// <summary>Retrieving context and building the prompt (tokenizing included).</summary>
    public double? ComposeMs { get; init; }
    /// <summary>Post-processing the generated text (the syntax check included).</summary>
    public double? PostProcessMs { get; init; }
    /// <summary>A remote backend's own work within <see cref="TotalMs"/>: building and writing the request, reading the stream's events.</summary>
    public double? ClientMs { get; init; }
}

/// <summary>What the model was shown: the document text the prompt kept around the cursor (after budget cuts).</summary>
public sealed record PromptSummary(FimLayout Layout, string Prefix, string Suffix, int Tokens)
{
    /// <summary>Every piece of the prompt, in prompt order, with the path it came from.</summary>
    public IReadOnlyList<Context.PromptSegment> Segments { get; init; } = [];
}

public sealed record CompletionResult(string InsertText, CompletionStats? Stats, PromptSummary? Prompt = null)
{
    public static readonly CompletionResult Empty = new(string.Empty, null);
}

/// <summary>The one entry point of the completion layer, shared by the CLI and the language server.</summary>
public interface ICompletionService
{
    Task<CompletionResult> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken);
}
