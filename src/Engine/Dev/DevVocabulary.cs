namespace LlamaCode.Engine.Dev;

/// <summary>
/// A synthetic SentencePiece ("llama") vocabulary laid out like Code Llama's: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;,
/// 256 byte tokens (so any UTF-8 falls back to bytes), NORMAL pieces for C#, and the four FIM control tokens.
/// llama.cpp's SPM tokenizer builds pieces by merging adjacent pairs, so every piece of two or more characters
/// is added together with all of its prefixes: each piece is then its longest proper prefix plus one character.
/// Longer pieces score higher so that merging prefers them (see <see cref="Score"/>).
/// </summary>
public sealed class DevVocabulary
{
    /// <summary>Code Llama 7B's vocabulary size; its FIM tokens sit at 32007..32010.</summary>
    public const int CodeLlamaVocabularySize = 32016;
    public const int CodeLlamaFimPrefixId = 32007;

    public const string SpaceMark = "\u2581"; // ▁, SentencePiece's space

    public const int UnknownId = 0;
    public const int BosId = 1;
    public const int EosId = 2;
    private const int FirstByteId = 3;

    private readonly List<string> _tokens = [];
    private readonly List<float> _scores = [];
    private readonly List<SentencePieceTokenType> _types = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Tokens => _tokens;
    public IReadOnlyList<float> Scores => _scores;
    public IReadOnlyList<SentencePieceTokenType> Types => _types;
    public int Count => _tokens.Count;

    public int FimPrefixId { get; private set; }
    public int FimSuffixId { get; private set; }
    public int FimMiddleId { get; private set; }
    public int EotId { get; private set; }

    public int IdOf(string piece) => _ids[piece];
    public bool Contains(string piece) => _ids.ContainsKey(piece);

    /// <summary>
    /// Builds the vocabulary. With <paramref name="size"/> null it is the curated pieces plus FIM tokens at the end;
    /// with <see cref="CodeLlamaVocabularySize"/> the FIM tokens sit at Code Llama's ids and filler pieces pad the rest.
    /// </summary>
    public static DevVocabulary Build(int? size = null)
    {
        var vocab = new DevVocabulary();
        vocab.Add("<unk>", SentencePieceTokenType.Unknown);
        vocab.Add("<s>", SentencePieceTokenType.Control);
        vocab.Add("</s>", SentencePieceTokenType.Control);
        for (int b = 0; b < 256; b++)
            vocab.Add($"<0x{b:X2}>", SentencePieceTokenType.Byte);
        foreach (var piece in CuratedPieces()) vocab.AddWithPrefixes(piece);

        if (size is null)
        {
            vocab.AddFimTokens();
            return vocab;
        }
        if (size < CodeLlamaFimPrefixId + 4 || vocab.Count > CodeLlamaFimPrefixId)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"must leave room for FIM tokens at {CodeLlamaFimPrefixId}");

        using var filler = FillerPieces().GetEnumerator();
        vocab.FillTo(CodeLlamaFimPrefixId, filler);
        vocab.AddFimTokens();
        vocab.FillTo(size.Value, filler);
        return vocab;
    }

    private static IEnumerable<string> CuratedPieces()
    {
        yield return SpaceMark;
        for (char c = '!'; c <= '~'; c++)
        {
            yield return c.ToString();
            yield return SpaceMark + c;
        }
        // Indentation: runs of spaces up to four levels of four.
        for (int n = 2; n <= 16; n++) yield return string.Concat(Enumerable.Repeat(SpaceMark, n));
        foreach (var text in CSharpPieces.Keywords.Concat(CSharpPieces.Identifiers).Concat(CSharpPieces.Punctuation))
        {
            string word = text.Replace(' ', SpaceMark[0]); // the tokenizer sees spaces as ▁
            yield return word;
            yield return SpaceMark + word;
        }
    }

    // Letter pairs then triples, with and without the space mark: each one's prefixes come earlier.
    private static IEnumerable<string> FillerPieces()
    {
        const string lower = "abcdefghijklmnopqrstuvwxyz";
        string upper = lower.ToUpperInvariant();
        foreach (var first in new[] { lower, upper })
            foreach (var a in first)
                foreach (var b in lower)
                {
                    yield return $"{a}{b}";
                    yield return $"{SpaceMark}{a}{b}";
                }
        foreach (var first in new[] { lower, upper })
            foreach (var a in first)
                foreach (var b in lower)
                    foreach (var c in lower)
                    {
                        yield return $"{a}{b}{c}";
                        yield return $"{SpaceMark}{a}{b}{c}";
                    }
    }

    private void FillTo(int size, IEnumerator<string> filler)
    {
        while (Count < size)
        {
            if (!filler.MoveNext()) throw new InvalidOperationException("ran out of filler pieces");
            string piece = filler.Current;
            if (Contains(piece)) continue;
            if (!Contains(piece[..^1])) throw new InvalidOperationException($"filler piece '{piece}' comes before its prefix");
            Add(piece, SentencePieceTokenType.Normal, Score(piece));
        }
    }

    private void AddFimTokens()
    {
        FimPrefixId = Add(SpaceMark + "<PRE>", SentencePieceTokenType.Control);
        FimSuffixId = Add(SpaceMark + "<SUF>", SentencePieceTokenType.Control);
        FimMiddleId = Add(SpaceMark + "<MID>", SentencePieceTokenType.Control);
        EotId = Add(SpaceMark + "<EOT>", SentencePieceTokenType.Control);
    }

    // All pieces here are BMP characters, so string length counts what the tokenizer sees as characters.
    private void AddWithPrefixes(string piece)
    {
        for (int end = 1; end <= piece.Length; end++)
        {
            string prefix = piece[..end];
            if (!Contains(prefix)) Add(prefix, SentencePieceTokenType.Normal, Score(prefix));
        }
    }

    // Longer pieces win; runs of spaces score below any word so that "    return" merges like Code Llama's
    // "▁▁▁▁" + "▁return" rather than "▁▁▁▁▁" + "return".
    private static float Score(string piece) =>
        piece.Length > 1 && piece.All(c => c == SpaceMark[0]) ? piece.Length / 100f : piece.Length;

    private int Add(string piece, SentencePieceTokenType type, float score = 0)
    {
        if (!_ids.TryAdd(piece, _tokens.Count)) throw new InvalidOperationException($"duplicate piece '{piece}'");
        _tokens.Add(piece);
        _scores.Add(score);
        _types.Add(type);
        return _tokens.Count - 1;
    }
}
