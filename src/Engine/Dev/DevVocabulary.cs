namespace LlamaCode.Engine.Dev;

/// <summary>
/// A synthetic SentencePiece ("llama") vocabulary shaped like Code Llama's: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, 256 byte-fallback
/// tokens, code pieces, and the four FIM tokens ▁&lt;PRE&gt; ▁&lt;SUF&gt; ▁&lt;MID&gt; ▁&lt;EOT&gt;. Written here, not copied from Meta's files.
/// Every multi-character piece can be reached by merging two shorter pieces (its prefix chain is in the vocabulary),
/// because llama.cpp's SPM tokenizer builds tokens by merging adjacent pairs.
/// </summary>
public sealed class DevVocabulary
{
    public const int TypeNormal = 1, TypeUnknown = 2, TypeControl = 3, TypeByte = 6;
    public const string Space = "\u2581";

    public string[] Tokens { get; }
    public float[] Scores { get; }
    public int[] Types { get; }
    public int Prefix { get; }
    public int Suffix { get; }
    public int Middle { get; }
    public int EndOfTurn { get; }

    private static readonly string[] CodeWords =
    [
        "public", "private", "protected", "internal", "static", "readonly", "const", "class", "struct", "record", "interface",
        "enum", "namespace", "using", "return", "void", "int", "long", "string", "bool", "true", "false", "null", "new",
        "var", "if", "else", "for", "foreach", "while", "in", "out", "ref", "async", "await", "Task", "this", "base",
        "get", "set", "init", "value", "throw", "try", "catch", "finally", "switch", "case", "default", "break",
        "continue", "sealed", "override", "virtual", "abstract", "partial", "where", "select", "from", "is", "as",
        "List", "Dictionary", "IEnumerable", "Count", "Length", "Add", "Remove", "Contains", "ToString", "Equals",
        "Exception", "Argument", "Invalid", "Operation", "Console", "WriteLine", "Math", "Max", "Min", "System",
        "Collections", "Generic", "Linq", "Threading", "Tasks", "Cancellation", "Token", "item", "items", "index",
        "result", "name", "count", "total", "list", "options", "request", "response", "context", "model", "text",
        "Span", "byte", "char", "float", "double", "decimal", "object", "nameof", "typeof", "sizeof", "unsafe", "fixed",
        "lock", "yield", "params", "get_", "Get", "Set", "Create", "Build", "Run", "Read", "Write", "Load", "Save",
        "Update", "Delete", "Find", "First", "Last", "Select", "Where", "Any", "All", "Sum", "ToList", "ToArray",
    ];

    private static readonly string[] Symbols =
    [
        "()", "();", "{}", "=>", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "//", "///", "/*", "*/",
        "?.", "??", "\");", "\")", "),", "));", ")]", "[]", "<>", "});", "};", "=",
    ];

    public DevVocabulary(int size, bool codeLlamaIds)
    {
        var pieces = new List<(string Text, int Type)>
        {
            ("<unk>", TypeUnknown), ("<s>", TypeControl), ("</s>", TypeControl),
        };
        for (var b = 0; b < 256; b++) pieces.Add(($"<0x{b:X2}>", TypeByte));
        var seen = new HashSet<string>(pieces.Select(p => p.Text), StringComparer.Ordinal);
        void Add(string piece)
        {
            // The prefix chain first, so that the piece is reachable by pairwise merges.
            for (var len = 1; len <= piece.Length; len++)
            {
                var prefix = piece[..len];
                if (seen.Add(prefix)) pieces.Add((prefix, TypeNormal));
            }
        }

        Add(Space);
        for (var c = '!'; c <= '~'; c++) Add(c.ToString());
        for (var n = 2; n <= 16; n++) Add(new string('\u2581', n));
        foreach (var word in CodeWords) { Add(Space + word); Add(word); }
        foreach (var symbol in Symbols) { Add(symbol); Add(Space + symbol); }

        // Ids of the FIM tokens: where Code Llama 7B has them (32007..32010) for full-size vocabularies, else at the end.
        var fimStart = codeLlamaIds ? 32007 : size - 4;
        if (fimStart < pieces.Count) throw new ArgumentException($"a vocabulary of {size} tokens is too small for the code pieces ({pieces.Count})");

        // Fill the rest with letter n-grams (each reachable through its prefix) until the FIM ids, then after them.
        var fill = FillPieces().GetEnumerator();
        while (pieces.Count < fimStart && fill.MoveNext()) Add(fill.Current);
        while (pieces.Count > fimStart) { seen.Remove(pieces[^1].Text); pieces.RemoveAt(pieces.Count - 1); }
        Prefix = pieces.Count; pieces.Add((Space + "<PRE>", TypeControl));
        Suffix = pieces.Count; pieces.Add((Space + "<SUF>", TypeControl));
        Middle = pieces.Count; pieces.Add((Space + "<MID>", TypeControl));
        EndOfTurn = pieces.Count; pieces.Add((Space + "<EOT>", TypeControl));
        while (pieces.Count < size && fill.MoveNext()) Add(fill.Current);
        while (pieces.Count > size) pieces.RemoveAt(pieces.Count - 1);
        if (pieces.Count != size) throw new InvalidOperationException($"could only make {pieces.Count} of {size} vocabulary pieces");

        Tokens = pieces.Select(p => p.Text).ToArray();
        Types = pieces.Select(p => p.Type).ToArray();
        // SentencePiece-like scores: longer pieces merge first; among equals, earlier ids win.
        Scores = pieces.Select((p, id) => p.Type == TypeNormal ? p.Text.Length - id * 1e-6f : 0f).ToArray();
    }

    private static IEnumerable<string> FillPieces()
    {
        const string letters = "etaoinsrhldcumfpgwybvkxjqz";
        foreach (var a in letters) foreach (var b in letters) { yield return $"{a}{b}"; yield return $"{Space}{a}{b}"; }
        foreach (var a in letters) foreach (var b in letters) foreach (var c in letters) { yield return $"{a}{b}{c}"; yield return $"{Space}{a}{b}{c}"; }
        foreach (var a in letters) foreach (var b in letters) foreach (var c in letters) foreach (var d in letters) yield return $"{Space}{a}{b}{c}{d}";
    }
}
