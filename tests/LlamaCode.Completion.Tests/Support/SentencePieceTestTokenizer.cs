using System.Text;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Support;

/// <summary>
/// A small stand-in for llama.cpp's SentencePiece (Code Llama) tokenizer: the first text fragment of every call gets
/// a space prefix (add_space_prefix), spaces are "▁", pieces are matched longest first from a tiny vocabulary in
/// which spaces merge into the following word ("▁return"), and anything else falls back to byte tokens
/// (newlines become &lt;0x0A&gt;). Special tokens are parsed from text only when asked to.
/// </summary>
public sealed class SentencePieceTestTokenizer : ITokenizer
{
    private const int FirstByteToken = 3;
    private const int FirstSpecialToken = FirstByteToken + 256;
    private static readonly string[] SpecialTexts = ["<PRE>", "<SUF>", "<MID>", "<EOT>"];

    // Spaces as ▁, as in the real vocabulary; printable ASCII characters each have a token of their own too.
    private static readonly string[] Words =
    [
        "▁", "▁▁", "▁▁▁▁", "▁▁▁▁▁▁▁▁", "▁return", "return", "▁Con", "sole", "Console", "▁Console", "Write", "Line", "▁Write",
        "▁var", "▁=", "▁int", "int", "▁x", "▁y", "▁{", "▁}", "()", "();", "▁public", "▁void", "▁class", "▁if", "▁using",
        "using", "▁System", "System", "▁Path", "Path", "Foo", "▁Foo", "Bar", "▁Bar", "▁foo", "▁bar", "▁def", "def", "▁get",
        "Name", "▁string", "▁new", "▁static", "▁Main", "args", "▁//", "//", "▁#", "line", "▁line", "▁Hello", "hello", "▁name",
    ];

    private readonly List<string> _pieces = [];
    private readonly Dictionary<string, int> _ids = [];
    private readonly int _maxPieceLength;

    public SentencePieceTestTokenizer(bool hasFim = true, bool addsBos = true)
    {
        _pieces.AddRange(["<unk>", "<s>", "</s>"]);
        for (int b = 0; b < 256; b++) _pieces.Add($"<0x{b:X2}>");
        _pieces.AddRange(SpecialTexts);
        foreach (var word in Words.Concat(Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(c => ((char)c).ToString())))
        {
            if (_ids.ContainsKey(word)) continue;
            _ids[word] = _pieces.Count;
            _pieces.Add(word);
        }
        _maxPieceLength = _ids.Keys.Max(w => w.Length);

        Token Special(string text) => hasFim ? new Token(FirstSpecialToken + Array.IndexOf(SpecialTexts, text)) : Token.None;
        var special = new SpecialTokens(new Token(1), new Token(2), Special("<EOT>"),
            Special("<PRE>"), Special("<SUF>"), Special("<MID>"), Token.None, Token.None, Token.None);
        Info = new ModelInfo("test.gguf", "llama", "SentencePiece test tokenizer", 4096, _pieces.Count, 0, 0, 0, 0,
            addsBos, special, null);
    }

    public ModelInfo Info { get; }

    public Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false)
    {
        var output = new List<Token>();
        if (addSpecial && Info.AddsBos) output.Add(Info.Special.Bos);
        bool previousWasSpecial = true; // llama.cpp: "prefix with space if first token"
        foreach (var (fragment, special) in Fragments(text, parseSpecial))
        {
            if (special is { } token) { output.Add(token); previousWasSpecial = true; continue; }
            var escaped = ((previousWasSpecial ? " " : "") + fragment).Replace(' ', '▁');
            EncodeText(escaped, output);
            previousWasSpecial = false;
        }
        return output.ToArray();
    }

    public byte[] TokenPiece(Token token, bool renderSpecial = false)
    {
        int id = token.Id;
        if (id >= FirstByteToken && id < FirstSpecialToken) return [(byte)(id - FirstByteToken)];
        if (id < FirstByteToken || (id >= FirstSpecialToken && id < FirstSpecialToken + SpecialTexts.Length))
            return renderSpecial ? Encoding.UTF8.GetBytes(_pieces[id]) : [];
        return Encoding.UTF8.GetBytes(_pieces[id].Replace('▁', ' '));
    }

    /// <summary>Like llama.cpp: the pieces joined, less the space prefix on the first one.</summary>
    public string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens) bytes.AddRange(TokenPiece(token, renderSpecial));
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        return text.StartsWith(' ') ? text[1..] : text;
    }

    private IEnumerable<(string Text, Token? Special)> Fragments(string text, bool parseSpecial)
    {
        if (!parseSpecial) { if (text.Length > 0) yield return (text, null); yield break; }
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int special = Array.FindIndex(SpecialTexts, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (special < 0 || Info.Special.FimPrefix.IsNone) continue;
            if (i > start) yield return (text[start..i], null);
            yield return ("", new Token(FirstSpecialToken + special));
            start = i + SpecialTexts[special].Length;
            i = start - 1;
        }
        if (start < text.Length) yield return (text[start..], null);
    }

    private void EncodeText(string text, List<Token> output)
    {
        for (int i = 0; i < text.Length;)
        {
            int length = Math.Min(_maxPieceLength, text.Length - i);
            for (; length > 0; length--)
                if (_ids.TryGetValue(text.Substring(i, length), out int id)) { output.Add(new Token(id)); break; }
            if (length > 0) { i += length; continue; }
            int runeLength = char.IsSurrogatePair(text, i) ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(text.Substring(i, runeLength))) output.Add(new Token(FirstByteToken + b));
            i += runeLength;
        }
    }
}
