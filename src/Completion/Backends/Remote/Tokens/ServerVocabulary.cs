using LlamaCode.Completion.Backends.Tokens;
using System.Text;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends.Remote.Tokens;

/// <summary>
/// What llama-server's /tokenize tells about the model's vocabulary, learned once: whether it puts a space in front of
/// text (SentencePiece), the tokens it adds around a text (BOS), its special tokens (found by their known spellings),
/// and whether a line break ever joins other text in one token (if not, lines are tokenized and cached one by one).
/// </summary>
internal sealed record ServerVocabulary(bool SpacePrefix, ServerToken[] Head, bool LinesAreSeparate, SpecialTokens Special, IReadOnlyDictionary<int, byte[]> SpecialPieces)
{
    /// <summary>True when every FIM token the prompt builder needs is the server's own (not a stand-in).</summary>
    public bool HasServerFim => Special.HasFim;

    /// <summary>Asks the server (a few requests); throws <see cref="TokenizeFailedException"/> when it cannot answer.</summary>
    public static ServerVocabulary Discover(TokenizeEndpoint endpoint, string? bosText, string? eosText, TimeSpan? timeout = null)
    {
        var a = endpoint.Tokenize(["a"], parseSpecial: false, timeout: timeout);
        bool spacePrefix = Spell(a) == " a";
        var head = endpoint.Tokenize([""], parseSpecial: false, addSpecial: true, timeout: timeout).ToArray();
        bool linesAreSeparate = LineSegments.AreSeparate(endpoint.Tokenize([LineSegments.Probe], parseSpecial: false, timeout: timeout));

        // Special tokens: a spelling is the model's special token when, parsed as special, it is one token whose piece is
        // that spelling, and that id never comes out of the same text tokenized as plain text.
        var candidates = KnownSpecialTokens.All.Concat(new[] { bosText, eosText }.OfType<string>().Where(t => t.Length > 0)).Distinct().ToArray();
        var asSpecial = endpoint.Tokenize(candidates, parseSpecial: true, timeout: timeout);
        var asText = endpoint.Tokenize(candidates, parseSpecial: false, timeout: timeout).Select(t => t.Id).ToHashSet();
        var found = new Dictionary<string, ServerToken>(StringComparer.Ordinal);
        foreach (var t in asSpecial)
            if (!asText.Contains(t.Id) && Encoding.UTF8.GetString(t.Piece) is var text && candidates.Contains(text)) found.TryAdd(text, t);
        Token Find(IEnumerable<string> spellings) => spellings.Select(s => found.TryGetValue(s, out var t) ? new Token(t.Id) : Token.None).FirstOrDefault(t => !t.IsNone, Token.None);

        Token Named(string? text) => text is { Length: > 0 } && found.TryGetValue(text, out var t) ? new Token(t.Id) : Token.None;
        var bos = Named(bosText) is { IsNone: false } named ? named : head.Length > 0 ? new Token(head[0].Id) : Token.None;
        var eos = Named(eosText);
        var special = new SpecialTokens(bos, eos, Find(KnownSpecialTokens.Eot),
            Find(KnownSpecialTokens.FimPrefix), Find(KnownSpecialTokens.FimSuffix), Find(KnownSpecialTokens.FimMiddle),
            Find(KnownSpecialTokens.FimPad), Find(KnownSpecialTokens.FimRepo), Find(KnownSpecialTokens.FimSeparator));
        var pieces = found.Values.Concat(head).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Piece);
        return new ServerVocabulary(spacePrefix, head, linesAreSeparate, special, pieces);
    }

    private static string Spell(IEnumerable<ServerToken> tokens) => Encoding.UTF8.GetString(tokens.SelectMany(t => t.Piece).ToArray());
}
