using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.DevTools.Bench;

/// <summary>What kind of keystroke a step is, as the latency goals count them.</summary>
public enum KeystrokeClass { Ordinary, EnterInBraces, Jump }

/// <summary>One keystroke: an edit (none for a jump or typing over a closing brace), the cursor after it, its class.</summary>
public sealed record EditorKeystroke(KeystrokeClass Class, TraceEdit? Edit, int Cursor);

/// <summary>How the simulated user writes: how many new methods, how long each typed line may be, how often a typo is made.</summary>
public sealed record EditorTraceOptions(int Sites = 3, int LineChars = 20, double TypoRate = 0.05, int Seed = 7);

/// <summary>
/// An editor typing session generated from a real C# file (a pure function of the file and the options): the user
/// adds a new method after each of a few methods of the file, copying the shape of another of its methods — the
/// signature, <c>{</c> (the editor closes the brace), Enter between the braces (the editor indents the new line and
/// moves the <c>}</c> down), the start of the body's first statements — with the odd typo deleted again. It first
/// writes the start of every method, then jumps back into each to add a statement, so the trace jumps between them.
/// </summary>
public static class EditorTrace
{
    private const string TypoLetters = "etaoinsrhl";

    /// <summary>Methods with a block body of at least two statements, the ones a trace can copy and follow.</summary>
    public static IReadOnlyList<MethodDeclarationSyntax> Methods(string document) =>
        CSharpSyntaxTree.ParseText(document).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.Body is { Statements.Count: >= 2 } && m.Parent is TypeDeclarationSyntax).ToList();

    public static IReadOnlyList<EditorKeystroke> Build(string document, EditorTraceOptions options)
    {
        var methods = Methods(document);
        if (methods.Count < 2) throw new ArgumentException("the file has fewer than two methods with a body of two statements or more; pick another file");
        var sites = Math.Min(options.Sites, methods.Count);
        var anchors = Enumerable.Range(0, sites).Select(i => methods[i * methods.Count / sites]).ToList();
        var editor = new SimulatedEditor(document, new Random(options.Seed), options.TypoRate);

        // Each new method goes on a fresh line after its anchor's closing brace; offsets shift as text is typed.
        var siteCursors = anchors.Select(a => a.Span.End).ToArray();
        var donors = anchors.Select((_, i) => methods[(Array.IndexOf(methods.ToArray(), anchors[i]) + 1) % methods.Count]).ToArray();
        var bodyLines = donors.Select(d => d.Body!.Statements.Select(s => FirstLine(s.ToString(), options.LineChars)).ToArray()).ToArray();

        for (var s = 0; s < sites; s++)
        {
            editor.Track(siteCursors);
            editor.JumpTo(siteCursors[s]);
            editor.Enter();
            editor.Enter();
            editor.Type(Signature(donors[s], s, options.LineChars));
            editor.Type(" {");
            editor.Enter();
            editor.Type(bodyLines[s][0]);
            siteCursors[s] = editor.Cursor;
        }
        for (var s = 0; s < sites; s++)
        {
            editor.JumpTo(siteCursors[s]);
            editor.Enter();
            editor.Type(bodyLines[s][1]);
            siteCursors[s] = editor.Cursor;
        }
        return editor.Keystrokes;
    }

    /// <summary>The donor's signature with a new name (its name cut to a typed line): the whole declaration when short, else a return type and the name.</summary>
    private static string Signature(MethodDeclarationSyntax donor, int site, int lineChars)
    {
        var identifier = donor.Identifier.Text;
        var name = $"{identifier[..Math.Min(identifier.Length, lineChars)]}{site + 2}";
        var full = $"{donor.Modifiers.ToString()} {donor.ReturnType} {name}{donor.ParameterList}".Trim();
        full = string.Join(' ', full.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        if (full.Length <= lineChars * 2) return full;
        var type = donor.ReturnType.ToString();
        return $"{(type.Length <= lineChars ? type : "void")} {name}()";
    }

    /// <summary>The first line of a statement, cut at a word boundary to at most <paramref name="max"/> characters.</summary>
    private static string FirstLine(string statement, int max)
    {
        var line = statement.Split('\n')[0].TrimEnd('\r').Trim();
        if (line.Length <= max) return line;
        var cut = line.LastIndexOf(' ', max);
        return line[..(cut > max / 2 ? cut : max)].TrimEnd();
    }

    private static string IndentAt(string text, int offset)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var i = start;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        return text[start..i];
    }

    /// <summary>An editor with auto-indent and brace pairs, recording each keystroke it is given.</summary>
    private sealed class SimulatedEditor(string text, Random random, double typoRate)
    {
        private string _text = text;
        private int[] _tracked = [];
        public int Cursor { get; private set; }
        public List<EditorKeystroke> Keystrokes { get; } = [];

        /// <summary>Offsets that move with the edits made before them.</summary>
        public void Track(int[] offsets) => _tracked = offsets;

        public void JumpTo(int offset)
        {
            Cursor = offset;
            Keystrokes.Add(new EditorKeystroke(KeystrokeClass.Jump, null, offset));
        }

        public void Type(string typed)
        {
            foreach (var c in typed)
            {
                if (c != ' ' && random.NextDouble() < typoRate)
                {
                    Edit(KeystrokeClass.Ordinary, Cursor, 0, TypoLetters[random.Next(TypoLetters.Length)].ToString(), Cursor + 1);
                    Edit(KeystrokeClass.Ordinary, Cursor - 1, 1, "", Cursor - 1);
                }
                if (c == '}' && Cursor < _text.Length && _text[Cursor] == '}')
                {
                    Cursor++;
                    Keystrokes.Add(new EditorKeystroke(KeystrokeClass.Ordinary, null, Cursor));
                }
                else if (c == '{') Edit(KeystrokeClass.Ordinary, Cursor, 0, "{}", Cursor + 1);
                else Edit(KeystrokeClass.Ordinary, Cursor, 0, c.ToString(), Cursor + 1);
            }
        }

        /// <summary>Enter, indented like the current line; between braces the closing brace moves to its own line.</summary>
        public void Enter()
        {
            var indent = IndentAt(_text, Cursor);
            var unit = indent.StartsWith('\t') ? "\t" : "    ";
            if (Cursor > 0 && Cursor < _text.Length && _text[Cursor - 1] == '{' && _text[Cursor] == '}')
            {
                var inner = "\n" + indent + unit;
                Edit(KeystrokeClass.EnterInBraces, Cursor, 0, inner + "\n" + indent, Cursor + inner.Length);
            }
            else Edit(KeystrokeClass.Ordinary, Cursor, 0, "\n" + indent, Cursor + 1 + indent.Length);
        }

        private void Edit(KeystrokeClass kind, int offset, int length, string inserted, int cursor)
        {
            _text = string.Concat(_text.AsSpan(0, offset), inserted, _text.AsSpan(offset + length));
            for (var i = 0; i < _tracked.Length; i++)
                if (_tracked[i] > offset) _tracked[i] += inserted.Length - length;
            Cursor = cursor;
            Keystrokes.Add(new EditorKeystroke(kind, new TraceEdit(offset, length, inserted), cursor));
        }
    }
}
