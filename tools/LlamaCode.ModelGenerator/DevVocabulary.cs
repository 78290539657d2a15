using LlamaCode.Engine.Model;

namespace LlamaCode.ModelGenerator;

/// <summary>
/// A synthetic vocabulary laid out like a code model family's (Code Llama's by default): its control tokens, 256 byte
/// tokens (so any UTF-8 falls back to bytes), NORMAL pieces for C#, and its FIM tokens. SentencePiece ("llama")
/// vocabularies use "▁" for a space and score pieces; byte-level BPE ("gpt2") ones use GPT-2's byte alphabet
/// ("Ġ" for a space) and merges. Both tokenizers build a piece from adjacent pairs, so every piece of two or more
/// characters is added together with all of its prefixes: each piece is then its longest proper prefix plus one
/// character (which is also its BPE merge). Longer pieces score higher so that merging prefers them (see <see cref="Score"/>).
/// </summary>
public sealed class DevVocabulary
{
    /// <summary>Code Llama 7B's vocabulary size; its FIM tokens sit at 32007..32010.</summary>
    public const int CodeLlamaVocabularySize = 32016;
    public const int CodeLlamaFimPrefixId = 32007;

    public const string SpaceMark = "\u2581"; // ▁, SentencePiece's space

    // Code Llama's ids.
    public const int UnknownId = 0;
    public const int BosId = 1;
    public const int EosId = 2;

    private readonly List<string> _tokens = [];
    private readonly List<float> _scores = [];
    private readonly List<SentencePieceTokenType> _types = [];
    private readonly List<string> _merges = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    private DevVocabulary(TokenizerLayout layout) => Layout = layout;

    internal TokenizerLayout Layout { get; }

    public IReadOnlyList<string> Tokens => _tokens;
    public IReadOnlyList<float> Scores => _scores;
    public IReadOnlyList<SentencePieceTokenType> Types => _types;
    /// <summary>BPE merges ("left right"), best first; empty for SentencePiece.</summary>
    public IReadOnlyList<string> Merges => _merges;
    public int Count => _tokens.Count;

    private FimTokenTexts Fim => Layout.Fim ?? throw new InvalidOperationException("this vocabulary has no FIM tokens");
    public int FimPrefixId => IdOf(Fim.Prefix);
    public int FimSuffixId => IdOf(Fim.Suffix);
    public int FimMiddleId => IdOf(Fim.Middle);
    /// <summary>The EOT token whose id the model file names.</summary>
    public int EotId => IdOf(Layout.WrittenEot ?? throw new InvalidOperationException("this vocabulary names no EOT token"));

    public int IdOf(string piece) => _ids[piece];
    public bool Contains(string piece) => _ids.ContainsKey(piece);

    /// <summary>
    /// Builds Code Llama's vocabulary. With <paramref name="size"/> null it is the curated pieces plus FIM tokens at the end;
    /// with <see cref="CodeLlamaVocabularySize"/> the FIM tokens sit at Code Llama's ids and filler pieces pad the rest.
    /// </summary>
    public static DevVocabulary Build(int? size = null) => Build(TokenizerLayout.For(DevModelFamily.CodeLlama), size);

    /// <summary>The tiny vocabulary of <paramref name="family"/>: its control tokens, bytes, the curated pieces, then its added tokens.</summary>
    public static DevVocabulary Build(DevModelFamily family) => Build(TokenizerLayout.For(family), size: null);

    private static DevVocabulary Build(TokenizerLayout layout, int? size)
    {
        var vocab = new DevVocabulary(layout);
        foreach (var control in layout.LeadingControls) vocab.AddControl(control);
        for (int b = 0; b < 256; b++)
        {
            if (layout.BytePairEncoding) vocab.Add(ByteLevelEncoding.CharFor((byte)b).ToString(), SentencePieceTokenType.Normal);
            else vocab.Add($"<0x{b:X2}>", SentencePieceTokenType.Byte);
        }
        foreach (var piece in CuratedPieces(vocab.Space)) vocab.AddWithPrefixes(piece);

        if (size is null)
        {
            foreach (var control in layout.TrailingControls) vocab.AddControl(control);
            return vocab;
        }
        if (layout.BytePairEncoding || layout.TrailingControls.Length > 4 || size < CodeLlamaFimPrefixId + 4 || vocab.Count > CodeLlamaFimPrefixId)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"must leave room for FIM tokens at {CodeLlamaFimPrefixId}");

        using var filler = FillerPieces().GetEnumerator();
        vocab.FillTo(CodeLlamaFimPrefixId, filler);
        foreach (var control in layout.TrailingControls) vocab.AddControl(control);
        vocab.FillTo(size.Value, filler);
        return vocab;
    }

    private string Space => Layout.BytePairEncoding ? ByteLevelEncoding.Space.ToString() : SpaceMark;

    private void AddControl(string text) =>
        Add(text, text == Layout.Unknown ? SentencePieceTokenType.Unknown : SentencePieceTokenType.Control);

    /// <summary>The pieces, with <paramref name="space"/> for a space (how the tokenizer sees it).</summary>
    private static IEnumerable<string> CuratedPieces(string space)
    {
        yield return space;
        for (char c = '!'; c <= '~'; c++)
        {
            yield return c.ToString();
            yield return space + c;
        }
        // Indentation: runs of spaces up to four levels of four.
        for (int n = 2; n <= 16; n++) yield return string.Concat(Enumerable.Repeat(space, n));
        foreach (var text in CSharpPieces.Keywords.Concat(CSharpPieces.Identifiers).Concat(CSharpPieces.Punctuation))
        {
            string word = text.Replace(" ", space);
            yield return word;
            yield return space + word;
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

    // All pieces here are BMP characters, so string length counts what the tokenizer sees as characters.
    private void AddWithPrefixes(string piece)
    {
        for (int end = 1; end <= piece.Length; end++)
        {
            string prefix = piece[..end];
            if (Contains(prefix)) continue;
            Add(prefix, SentencePieceTokenType.Normal, Score(prefix));
            if (Layout.BytePairEncoding && end > 1) _merges.Add($"{prefix[..^1]} {prefix[^1]}");
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
