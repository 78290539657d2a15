using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends.Tokens;

/// <summary>
/// A local vocabulary (the local engine's model, or a GGUF loaded vocabulary-only for a remote backend) whose tokens of document text are cached line by line
/// (<see cref="LineTokenCache"/>): the same token ids as the vocabulary's own, but a keystroke tokenizes only the lines
/// it changed instead of the whole prefix and suffix several times over. A vocabulary that joins line breaks to other
/// text is used as it is.
/// </summary>
public sealed class LineCachedVocabulary : ITokenizer
{
    private const long CacheCharacters = 4_000_000;
    private readonly LlamaModel _vocabulary;
    private readonly LineTokenCache _lines = new(CacheCharacters);
    private readonly Lazy<(bool SpacePrefix, bool ByLine)> _shape;
    private volatile bool _joinsLines;
    private readonly byte[]?[] _pieces, _renderedPieces;

    public LineCachedVocabulary(LlamaModel vocabulary)
    {
        _vocabulary = vocabulary;
        _pieces = new byte[]?[Math.Max(0, vocabulary.Info.VocabularySize)];
        _renderedPieces = new byte[]?[Math.Max(0, vocabulary.Info.VocabularySize)];
        // Asked of the vocabulary on first use, not when a model is being set up.
        _shape = new Lazy<(bool SpacePrefix, bool ByLine)>(() =>
            (Spell(vocabulary.Tokenize("a")) == " a", LineSegments.AreSeparate(Pieces(vocabulary.Tokenize(LineSegments.Probe)))));
    }

    /// <summary>True when text is tokenized and cached line by line.</summary>
    public bool ByLine => _shape.Value.ByLine && !_joinsLines;

    public ModelInfo Info => _vocabulary.Info;

    public Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false)
    {
        if (parseSpecial || addSpecial || !ByLine) return _vocabulary.Tokenize(text, addSpecial, parseSpecial);
        var tokens = _lines.Tokenize(text, _shape.Value.SpacePrefix, lines => lines.SelectMany(l => Pieces(_vocabulary.Tokenize(l))).ToList(), _ => { });
        if (tokens is not null) return tokens;
        _joinsLines = true; // the vocabulary joined a line break to the text after it
        return _vocabulary.Tokenize(text);
    }

    /// <summary>The vocabulary's piece, kept after its first use: the prompt builder spells every token of a prompt part
    /// to check it, a native call each. Callers only read the bytes.</summary>
    public byte[] TokenPiece(Token token, bool renderSpecial = false)
    {
        var pieces = renderSpecial ? _renderedPieces : _pieces;
        if ((uint)token.Id >= (uint)pieces.Length) return _vocabulary.TokenPiece(token, renderSpecial);
        return pieces[token.Id] ??= _vocabulary.TokenPiece(token, renderSpecial);
    }

    public string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false) => _vocabulary.Detokenize(tokens, renderSpecial);

    private IEnumerable<ServerToken> Pieces(Token[] tokens) => tokens.Select(t => new ServerToken(t.Id, TokenPiece(t, renderSpecial: true)));

    private string Spell(Token[] tokens) => System.Text.Encoding.UTF8.GetString(tokens.SelectMany(t => TokenPiece(t)).ToArray());
}
