namespace LlamaCode.Engine.Model;

/// <summary>Text to tokens and back, with the loaded model's vocabulary.</summary>
public interface ITokenizer
{
    ModelInfo Info { get; }

    /// <summary>
    /// Tokenizes <paramref name="text"/>. With <paramref name="parseSpecial"/> false (the default), text such as
    /// "&lt;PRE&gt;" stays text and never becomes a control token.
    /// </summary>
    Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false);

    /// <summary>The raw UTF-8 bytes of one token's piece (may be a partial UTF-8 sequence).</summary>
    byte[] TokenPiece(Token token, bool renderSpecial = false);

    string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false);
}
