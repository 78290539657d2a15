using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model.Checks;

/// <summary>
/// The vocabulary, checked for what makes llama.cpp assert or throw across its C API (which ends the process):
/// duplicate token texts, byte tokens it looks up while tokenizing, byte-typed tokens it parses by position.
/// Only the two tokenizer kinds code models use are accepted; llama.cpp's others (BERT's WordPiece, T5's Unigram,
/// RWKV's trie, ...) assert or hang on vocabularies made for another architecture.
/// </summary>
internal static class TokenizerCheck
{
    public const string ModelKey = "tokenizer.ggml.model";
    public const string TokensKey = "tokenizer.ggml.tokens";
    public const string TokenTypesKey = "tokenizer.ggml.token_type";
    public const string ScoresKey = "tokenizer.ggml.scores";
    public const string MergesKey = "tokenizer.ggml.merges";
    public const int MaxVocabulary = 1 << 21; // the largest real vocabularies have about 262,000 tokens

    private const int ByteTokenType = 6; // LLAMA_TOKEN_TYPE_BYTE

    /// <summary>Arrays whose contents the check reads.</summary>
    public static readonly IReadOnlySet<string> ArraysRead = new HashSet<string> { TokensKey, TokenTypesKey };

    /// <summary>SentencePiece ("llama") and byte-level BPE ("gpt2").</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string> { "llama", "gpt2" };

    public static void Check(ModelMetadata m)
    {
        var model = m.String(ModelKey) ?? throw new ModelCheckFailure($"has no {ModelKey}: no tokenizer");
        if (!Supported.Contains(model))
            throw new ModelCheckFailure($"has a '{model}' tokenizer; LlamaCode supports SentencePiece ('llama') and byte-level BPE ('gpt2') vocabularies");

        var tokens = Strings(m, TokensKey) ?? throw new ModelCheckFailure($"has no {TokensKey}: no vocabulary");
        if (tokens.Length == 0) throw new ModelCheckFailure("has an empty vocabulary");
        if (tokens.Length > MaxVocabulary) throw new ModelCheckFailure($"has {tokens.Length:N0} tokens (limit {MaxVocabulary:N0})");
        if (m.OptionalInteger(m.Key("vocab_size"), 0, long.MaxValue) is { } declared && declared != tokens.Length)
            throw new ModelCheckFailure($"{m.Key("vocab_size")} is {declared} but the vocabulary has {tokens.Length} tokens");
        CheckCount(m, ScoresKey, tokens.Length);
        CheckCount(m, TokenTypesKey, tokens.Length);

        CheckDistinct(tokens);
        CheckByteTypedTokens(m, tokens);
        var texts = new HashSet<string>(tokens, StringComparer.Ordinal);
        if (model == "llama") CheckSentencePieceBytes(texts);
        else CheckByteLevelAlphabet(m, texts);
    }

    private static string[]? Strings(ModelMetadata m, string key)
    {
        if (!m.Summary.Metadata.TryGetValue(key, out var value)) return null;
        if (value is not GgufArray { ElementType: GgufValueType.String })
            throw new ModelCheckFailure($"{key} must be an array of strings, not {ModelMetadata.Describe(value)}");
        return (string[])m.Summary.ArrayValues[key];
    }

    private static void CheckCount(ModelMetadata m, string key, int tokens)
    {
        if (m.Summary.Metadata.TryGetValue(key, out var value) && value is GgufArray array && array.Count < (ulong)tokens)
            throw new ModelCheckFailure($"{key} has {array.Count} entries for {tokens} tokens");
    }

    // llama.cpp maps each text to its id and asserts that no two ids share one; it renames empty texts first.
    private static void CheckDistinct(string[] tokens)
    {
        var seen = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
        {
            string text = tokens[id].Length == 0 ? $"[EMPTY_{id}]" : tokens[id];
            if (!seen.TryAdd(text, id))
                throw new ModelCheckFailure($"tokens {seen[text]} and {id} have the same text '{Printable(text)}'");
        }
    }

    // A BYTE-typed token's byte is read from its text as "<0xHH>" by position.
    private static void CheckByteTypedTokens(ModelMetadata m, string[] tokens)
    {
        if (!m.Summary.ArrayValues.TryGetValue(TokenTypesKey, out var types)) return;
        if (types is not int[] ints) throw new ModelCheckFailure($"{TokenTypesKey} must be an array of INT32");
        for (int id = 0; id < tokens.Length; id++)
            if (ints[id] == ByteTokenType && !IsByteToken(tokens[id]))
                throw new ModelCheckFailure($"token {id} '{Printable(tokens[id])}' is typed as a byte but is not spelled <0xHH>");
    }

    // SentencePiece falls back to byte tokens for text its pieces do not cover, and throws across the C API
    // (ending the process) when one is missing.
    private static void CheckSentencePieceBytes(HashSet<string> texts)
    {
        var missing = Enumerable.Range(0, 256).Where(b => !texts.Contains($"<0x{b:X2}>") && !(b < 0x80 && texts.Contains(((char)b).ToString()))).ToList();
        if (missing.Count == 256) throw new ModelCheckFailure("has no byte tokens (<0x00>..<0xFF>), which a SentencePiece vocabulary needs for text its pieces do not cover");
        if (missing.Count > 0) throw new ModelCheckFailure($"lacks the byte token <0x{missing[0]:X2}>{(missing.Count > 1 ? $" and {missing.Count - 1} more" : "")}");
    }

    // Byte-level BPE spells every byte as one of 256 characters and looks each up when no merge covers it.
    private static void CheckByteLevelAlphabet(ModelMetadata m, HashSet<string> texts)
    {
        if (!m.Has(MergesKey)) throw new ModelCheckFailure($"has a BPE tokenizer without {MergesKey}");
        var missing = Enumerable.Range(0, 256).Where(b => !texts.Contains(ByteLevelEncoding.CharFor((byte)b).ToString())).ToList();
        if (missing.Count > 0)
            throw new ModelCheckFailure($"lacks the byte-level token for byte 0x{missing[0]:X2}{(missing.Count > 1 ? $" and {missing.Count - 1} more" : "")}");
    }

    private static bool IsByteToken(string text) =>
        text.Length == 6 && text.StartsWith("<0x", StringComparison.Ordinal) && text[5] == '>' && Uri.IsHexDigit(text[3]) && Uri.IsHexDigit(text[4]);

    private static string Printable(string text) =>
        string.Concat(text.Take(40).Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString())) + (text.Length > 40 ? "…" : "");
}
