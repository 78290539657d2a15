using LlamaCode.Completion.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.PostProcessing;

/// <summary>How a document with a completion inserted is parsed: reusing the document's tree, or from scratch.</summary>
public enum SpeculativeParse { Incremental, Full }

/// <summary>
/// A speculative parse of a C# document with a completion inserted at the cursor: how many syntax errors the completion
/// adds. The document alone is parsed once; each completion is parsed as an edit of it.
/// </summary>
/// <remarks>
/// Errors are compared as multisets of error codes (CS1002 twice, CS1513 once, ...), not by position: the document
/// being edited is usually broken at the cursor, and an inserted completion moves those errors (a missing ";" is
/// reported at the end of the token before it, which may now be the completion's last token) and changes how the
/// parser recovers after it. A completion adds errors when some code occurs more often with it than without it. A
/// completion that fixes one error and adds another of the same code passes: the check errs toward keeping.
/// </remarks>
public sealed class CSharpSyntaxCheck
{
    private readonly SyntaxTree _document;
    private readonly Dictionary<string, int> _documentErrors;
    private readonly int _cursor;
    private readonly SpeculativeParse _parse;

    private CSharpSyntaxCheck(SyntaxTree document, int cursor, SpeculativeParse parse)
    {
        _document = document;
        _documentErrors = ErrorCounts(document);
        _cursor = cursor;
        _parse = parse;
    }

    /// <summary>C# sources and scripts, judged by file extension.</summary>
    public static bool AppliesTo(string? documentPath) =>
        Path.GetExtension(documentPath ?? "").ToLowerInvariant() is ".cs" or ".csx";

    /// <summary>
    /// Parses the document around the cursor of <paramref name="context"/>: from scratch, or with
    /// <paramref name="fromPreviousVersion"/> (and an incremental parse) as an edit of the last version of the same
    /// document parsed, as a keystroke's document is.
    /// </summary>
    public static CSharpSyntaxCheck Of(CursorContext context, SpeculativeParse parse = SpeculativeParse.Incremental, bool fromPreviousVersion = false)
    {
        var kind = Path.GetExtension(context.DocumentPath ?? "").Equals(".csx", StringComparison.OrdinalIgnoreCase)
            ? SourceCodeKind.Script : SourceCodeKind.Regular;
        // Doc comments as plain comments: their findings are warnings, and skipping them is cheaper.
        var options = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None, kind);
        var text = context.Prefix + context.Suffix;
        var tree = fromPreviousVersion && parse == SpeculativeParse.Incremental && context.DocumentPath is { } path
            ? RecentDocuments.Parse(path, text, options)
            : CSharpSyntaxTree.ParseText(SourceText.From(text), options);
        return new CSharpSyntaxCheck(tree, context.Prefix.Length, parse);
    }

    /// <summary>
    /// Starts parsing a C# document for the check of the completion that is yet to come (incrementally, as an edit of
    /// the document's previous version), on the thread pool; null for other documents.
    /// </summary>
    public static Task<CSharpSyntaxCheck>? Prepare(CursorContext context) =>
        AppliesTo(context.DocumentPath) ? Task.Run(() => Of(context, SpeculativeParse.Incremental, fromPreviousVersion: true)) : null;

    /// <summary>
    /// The last tree parsed for each of the most recent documents: a keystroke's document differs from its previous
    /// version by one edit, which Roslyn reparses incrementally (the same tree as a full parse, in a fraction of the time).
    /// </summary>
    private static class RecentDocuments
    {
        private const int Capacity = 16;
        private static readonly LinkedList<(string Path, string Text, SyntaxTree Tree)> Trees = new();
        private static readonly Lock Gate = new();

        public static SyntaxTree Parse(string path, string text, CSharpParseOptions options)
        {
            (string Path, string Text, SyntaxTree Tree)? last = null;
            lock (Gate)
                for (var node = Trees.First; node is not null; node = node.Next)
                    if (node.Value.Path == path)
                    {
                        last = node.Value;
                        Trees.Remove(node);
                        break;
                    }
            SyntaxTree tree;
            if (last is { } previous && previous.Tree.Options.Equals(options))
            {
                if (previous.Text == text) tree = previous.Tree;
                else tree = previous.Tree.WithChangedText(previous.Tree.GetText().WithChanges(SingleEdit.Between(previous.Text, text)));
            }
            else tree = CSharpSyntaxTree.ParseText(SourceText.From(text), options);
            lock (Gate)
            {
                Trees.AddFirst((path, text, tree));
                while (Trees.Count > Capacity) Trees.RemoveLast();
            }
            return tree;
        }
    }

    /// <summary>Syntax errors the document has with <paramref name="completion"/> inserted that it does not have without it.</summary>
    public int AddedErrors(string completion)
    {
        int added = 0;
        foreach (var (code, count) in ErrorCounts(WithCompletion(completion)))
            added += Math.Max(0, count - _documentErrors.GetValueOrDefault(code));
        return added;
    }

    /// <summary>
    /// Lengths of the starts of <paramref name="completion"/> that end a C# token, as the document with the completion
    /// lexes them (so a cursor inside a string or comment is taken into account), shortest first; the whole completion excluded.
    /// </summary>
    public IReadOnlyList<int> TokenEnds(string completion)
    {
        var span = new TextSpan(_cursor, completion.Length);
        return WithCompletion(completion).GetRoot().DescendantTokens(span)
            .Select(token => token.Span.End - _cursor)
            .Where(end => end > 0 && end < completion.Length)
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Where the first syntax error inside <paramref name="completion"/> ends its token, as a length of the completion
    /// (null when no error lies inside it). A start of the completion that reaches past that token keeps the token and
    /// what follows it, so the parser meets the same error there: such starts need no parse of their own.
    /// </summary>
    public int? FirstErrorTokenEnd(string completion)
    {
        var tree = WithCompletion(completion);
        int first = int.MaxValue;
        foreach (var diagnostic in tree.GetDiagnostics())
            if (diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Location.SourceSpan.Start is var start
                && start >= _cursor && start < _cursor + completion.Length && start < first)
                first = start;
        if (first == int.MaxValue) return null;
        var token = tree.GetRoot().FindToken(first);
        return Math.Clamp(Math.Max(token.Span.End, first) - _cursor, 0, completion.Length);
    }

    /// <summary>How many times a document with a completion inserted was parsed (what the rule's cost is counted in).</summary>
    public int SpeculativeParses { get; private set; }

    // The rule asks about the same completion twice when it cuts one (its errors, then its token ends).
    private (string Completion, SyntaxTree Tree)? _lastSpeculative;

    private SyntaxTree WithCompletion(string completion)
    {
        if (_lastSpeculative is { } last && last.Completion == completion) return last.Tree;
        SpeculativeParses++;
        var tree = Parse(completion);
        _lastSpeculative = (completion, tree);
        return tree;
    }

    private SyntaxTree Parse(string completion)
    {
        var text = _document.GetText().WithChanges(new TextChange(new TextSpan(_cursor, 0), completion));
        return _parse == SpeculativeParse.Incremental
            ? _document.WithChangedText(text)
            : CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)_document.Options);
    }

    private static Dictionary<string, int> ErrorCounts(SyntaxTree tree)
    {
        var counts = new Dictionary<string, int>();
        foreach (var diagnostic in tree.GetDiagnostics())
            if (diagnostic.Severity == DiagnosticSeverity.Error)
                counts[diagnostic.Id] = counts.GetValueOrDefault(diagnostic.Id) + 1;
        return counts;
    }
}
