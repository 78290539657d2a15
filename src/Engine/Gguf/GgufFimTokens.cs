namespace LlamaCode.Engine.Gguf;

/// <summary>What a GGUF header says about fill-in-the-middle tokens: all three roles found, and how (or which are missing).</summary>
public sealed record FimTokensInHeader(bool Present, string Detail);

/// <summary>
/// Whether a GGUF names fill-in-the-middle prefix, suffix and middle tokens, read from its header only (the model is
/// never loaded). Decided as llama.cpp's vocabulary loader does (src/llama-vocab.cpp of the pinned release): a role's
/// id from the <c>tokenizer.ggml.fim_*_token_id</c> metadata (or the older <c>prefix/suffix/middle_token_id</c>), else a
/// vocabulary token spelled as one of the role's known texts.
/// </summary>
public static class GgufFimTokens
{
    private sealed record Role(string Name, string[] IdKeys, string[] Texts);

    private static readonly Role[] Roles =
    [
        new("prefix", ["tokenizer.ggml.fim_pre_token_id", "tokenizer.ggml.prefix_token_id"],
            ["<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"]),
        new("suffix", ["tokenizer.ggml.fim_suf_token_id", "tokenizer.ggml.suffix_token_id"],
            ["<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"]),
        new("middle", ["tokenizer.ggml.fim_mid_token_id", "tokenizer.ggml.middle_token_id"],
            ["<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"]),
    ];

    /// <summary>Every token text that marks a role: what <see cref="GgufValidator.Validate"/> is asked to look for.</summary>
    public static readonly IReadOnlySet<string> Spellings = Roles.SelectMany(r => r.Texts).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads the header of <paramref name="path"/>; throws <see cref="InvalidModelFileException"/> when it is not a valid GGUF.</summary>
    public static FimTokensInHeader Read(string path) => Find(GgufValidator.Validate(path, Spellings));

    /// <summary>The decision on a header read with <see cref="Spellings"/>.</summary>
    public static FimTokensInHeader Find(GgufSummary header)
    {
        var found = new List<string>();
        var missing = new List<string>();
        foreach (var role in Roles)
        {
            if (role.IdKeys.FirstOrDefault(header.Metadata.ContainsKey) is { } key) found.Add($"{role.Name} id in {key}");
            else if (role.Texts.FirstOrDefault(header.TokenTextsFound.Contains) is { } text) found.Add($"{role.Name} token {text.TrimStart('▁')}"); // Code Llama spells them after a space mark
            else missing.Add(role.Name);
        }
        return missing.Count == 0
            ? new FimTokensInHeader(true, string.Join(", ", found))
            : new FimTokensInHeader(false, $"no fill-in-the-middle {string.Join(", ", missing)} token");
    }
}
