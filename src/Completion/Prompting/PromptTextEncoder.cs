using System.Text;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Tokenizes document text for a prompt, always as text (never parsing special tokens), either as the start
/// of a prompt part or as a continuation.
/// </summary>
/// <remarks>
/// SentencePiece models (Code Llama) add a space to the first text fragment of every tokenize call
/// (add_space_prefix). Code Llama's reference code keeps that space on the prefix ("&lt;PRE&gt; {pre}") and removes it
/// from the suffix and the middle, which it encodes as <c>encode("☺" + s)[2:]</c>. We do the same, robustly:
/// tokenize a sentinel followed by the text, check that the sentinel's own tokens come first and that the rest
/// spells exactly the text, byte for byte, and keep the rest. Stripping a lone "▁" token instead would fail
/// whenever the space merges into the first word ("▁return"). Tokenizers that add no space (byte-level BPE as in
/// StarCoder, DeepSeek-Coder and Qwen, or SentencePiece without a space prefix as in CodeGemma) encode text as it is.
/// </remarks>
internal sealed class PromptTextEncoder
{
    // Characters that do not merge with what follows them in SentencePiece vocabularies; tried in order.
    private static readonly string[] Sentinels = ["☺", "\n", "§", "¤"];

    private readonly ITokenizer _tokenizer;
    private readonly bool _addsSpacePrefix;

    public PromptTextEncoder(ITokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        _addsSpacePrefix = Spells(tokenizer.Tokenize("a"), " a");
    }

    public ITokenizer Tokenizer => _tokenizer;

    /// <summary>Tokens of <paramref name="text"/> as the first text after a control token: with the tokenizer's own space prefix, if it adds one.</summary>
    public Token[] EncodeAtStart(string text) => text.Length == 0 ? [] : _tokenizer.Tokenize(text);

    /// <summary>
    /// Tokens that spell exactly <paramref name="text"/>, with no space added in front. With
    /// <paramref name="parseSpecial"/> (for a chat template's own markup only, never document text), special-token
    /// text becomes those tokens.
    /// </summary>
    public Token[] EncodeContinuation(string text, bool parseSpecial = false)
    {
        if (text.Length == 0) return [];
        if (!_addsSpacePrefix) return _tokenizer.Tokenize(text, parseSpecial: parseSpecial);
        foreach (var sentinel in Sentinels)
        {
            var sentinelTokens = _tokenizer.Tokenize(sentinel);
            var combined = _tokenizer.Tokenize(sentinel + text, parseSpecial: parseSpecial);
            if (combined.AsSpan().StartsWith(sentinelTokens) && Spells(combined.AsSpan(sentinelTokens.Length), text, parseSpecial))
                return combined[sentinelTokens.Length..];
        }
        throw new InvalidOperationException(
            "The tokenizer merged every sentinel with the text that follows it; cannot tokenize text without its space prefix.");
    }

    public Token[] Encode(string text, bool atStart) => atStart ? EncodeAtStart(text) : EncodeContinuation(text);

    /// <summary>The text the tokens spell (their pieces, UTF-8 decoded; a partial character at either end becomes U+FFFD).</summary>
    public string Spell(ReadOnlySpan<Token> tokens) => Encoding.UTF8.GetString(Bytes(tokens));

    public byte[] Bytes(ReadOnlySpan<Token> tokens, bool renderSpecial = false)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens) bytes.AddRange(_tokenizer.TokenPiece(token, renderSpecial));
        return bytes.ToArray();
    }

    private bool Spells(ReadOnlySpan<Token> tokens, string text, bool renderSpecial = false) =>
        Bytes(tokens, renderSpecial).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(text));
}
