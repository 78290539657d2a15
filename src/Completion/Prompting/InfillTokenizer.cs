using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Tokenizes text that continues other text. A SentencePiece tokenizer prepends a space ("▁") to the first fragment,
/// which is right for the start of a document but adds a space that is not there when the text follows a FIM token.
/// As Code Llama's reference does, the text is tokenized behind a sentinel whose tokens are then dropped.
/// </summary>
public static class InfillTokenizer
{
    private const string Sentinel = "\n";

    public static Token[] Tokenize(ITokenizer tokenizer, string text, bool parseSpecial = false)
    {
        if (text.Length == 0) return [];
        var sentinel = tokenizer.Tokenize(Sentinel);
        var full = tokenizer.Tokenize(Sentinel + text, parseSpecial: parseSpecial);
        if (full.Length > sentinel.Length && full.AsSpan(0, sentinel.Length).SequenceEqual(sentinel))
            return full[sentinel.Length..];
        // A vocabulary that merges the sentinel into the text: fall back to the plain tokenization.
        return tokenizer.Tokenize(text, parseSpecial: parseSpecial);
    }
}
