using System.Text;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// A tokenizer for when no model is loaded (prompt inspection, retrieval benchmarks): one token per 4 characters
/// (the usual rule of thumb for code), no space prefix, and Code Llama's FIM markers as special tokens. It spells
/// text back exactly, so the prompt builder's checks hold, and it is thread-safe.
/// </summary>
public sealed class ApproximateTokenizer : ITokenizer
{
    public const int CharactersPerToken = 4;
    private static readonly string[] SpecialTexts = ["<s>", "</s>", "<EOT>", "<PRE>", "<SUF>", "<MID>"];

    private readonly object _gate = new();
    private readonly List<string> _pieces = [.. SpecialTexts];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public ApproximateTokenizer()
    {
        Info = new ModelInfo("(no model: 4 characters per token)", "approximate", "approximate tokenizer", 16384, 0, 0, 0, 0, 0, true,
            new SpecialTokens(new Token(0), new Token(1), new Token(2), new Token(3), new Token(4), new Token(5), Token.None, Token.None, Token.None),
            null);
    }

    public ModelInfo Info { get; }

    public Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false)
    {
        var tokens = new List<Token>(text.Length / CharactersPerToken + 2);
        if (addSpecial) tokens.Add(Info.Special.Bos);
        lock (_gate)
        {
            int i = 0;
            while (i < text.Length)
            {
                int length = Math.Min(CharactersPerToken, text.Length - i);
                // Never split a surrogate pair: each piece must be valid UTF-16 (and so valid UTF-8).
                if (char.IsHighSurrogate(text[i + length - 1]) && i + length < text.Length) length++;
                var piece = text.Substring(i, length);
                if (!_ids.TryGetValue(piece, out var id))
                {
                    id = _pieces.Count;
                    _pieces.Add(piece);
                    _ids[piece] = id;
                }
                tokens.Add(new Token(id));
                i += length;
            }
        }
        return tokens.ToArray();
    }

    public byte[] TokenPiece(Token token, bool renderSpecial = false)
    {
        lock (_gate)
        {
            if (token.Id < SpecialTexts.Length) return renderSpecial ? Encoding.UTF8.GetBytes(SpecialTexts[token.Id]) : [];
            return Encoding.UTF8.GetBytes(_pieces[token.Id]);
        }
    }

    public string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false)
    {
        var sb = new StringBuilder();
        foreach (var token in tokens) sb.Append(Encoding.UTF8.GetString(TokenPiece(token, renderSpecial)));
        return sb.ToString();
    }
}
