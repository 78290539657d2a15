using System.Text;

namespace LlamaCode.Completion.Backends.Tokens;

/// <summary>
/// Text cut into lines (each with its line break; the last without one), the unit whose tokens are cached: typing
/// changes one line, so the tokens of every other line of a prompt come from the cache. This is exact only for a
/// vocabulary with no token that joins a line break to anything else (SentencePiece vocabularies such as Code Llama's,
/// where "\n" is a byte token); the tokenizer checks that on the server and tokenizes whole texts otherwise.
/// </summary>
internal static class LineSegments
{
    // Line breaks in the places code has them: after punctuation, words and spaces, doubled, before indentation, CRLF.
    public const string Probe = "int a;\n\n    b = c(d, e);\r\n\t}\n  \n// x \nif (f) {\n\n\nreturn \"g\\n\";\n}\n\t\t\n";

    /// <summary>
    /// True when, in the tokens of <see cref="Probe"/>, no token holds a line break with anything else: then lines can be
    /// tokenized one by one (every line's tokenizing checks it again).
    /// </summary>
    public static bool AreSeparate(IEnumerable<ServerToken> probeTokens) =>
        probeTokens.All(t => Array.IndexOf(t.Piece, (byte)'\n') < 0 || t.Piece is [(byte)'\n']);

    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', start))
        {
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>
    /// Cuts the tokens the server gave for several texts tokenized one after the other into each text's tokens, by the
    /// UTF-8 bytes their pieces spell: text i's tokens spell <paramref name="lead"/>[i] and then <paramref name="texts"/>[i]
    /// exactly, and the tokens of the lead are dropped. Null when a token spans a boundary (the vocabulary joined the lead
    /// or the neighbouring text into one token) or the pieces do not spell the texts.
    /// </summary>
    public static List<ServerToken[]>? Cut(IReadOnlyList<ServerToken> tokens, IReadOnlyList<string> texts, IReadOnlyList<string> lead)
    {
        var result = new List<ServerToken[]>(texts.Count);
        int next = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            if (!Consume(tokens, ref next, Encoding.UTF8.GetBytes(lead[i]), out _)) return null;
            if (!Consume(tokens, ref next, Encoding.UTF8.GetBytes(texts[i]), out var own)) return null;
            result.Add(own);
        }
        return next == tokens.Count ? result : null;
    }

    /// <summary>Takes tokens from <paramref name="next"/> on whose pieces spell exactly <paramref name="expected"/>.</summary>
    private static bool Consume(IReadOnlyList<ServerToken> tokens, ref int next, byte[] expected, out ServerToken[] taken)
    {
        int start = next, at = 0;
        while (at < expected.Length)
        {
            if (next >= tokens.Count) { taken = []; return false; }
            var piece = tokens[next].Piece;
            if (at + piece.Length > expected.Length || !expected.AsSpan(at, piece.Length).SequenceEqual(piece)) { taken = []; return false; }
            at += piece.Length;
            next++;
        }
        taken = new ServerToken[next - start];
        for (int i = start; i < next; i++) taken[i - start] = tokens[i];
        return true;
    }
}

/// <summary>One token as llama-server's /tokenize gives it with <c>with_pieces</c>: its id and the bytes of its piece.</summary>
public readonly record struct ServerToken(int Id, byte[] Piece);
