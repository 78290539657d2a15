using LlamaCode.Completion.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// Chunks C# by syntax: a small type is one chunk (declaration to closing brace); a larger one gives a header chunk
/// (attributes, declaration line(s), opening brace) and one chunk per member: method, constructor, property, event,
/// operator, each run of consecutive fields, and nested types the same way. Doc comments directly above a
/// member belong to its chunk. Using directives are not chunked; runs of top-level statements are.
/// </summary>
internal static class CSharpChunker
{
    // Doc comments need not be parsed into structure to be kept as trivia: cheaper.
    private static readonly CSharpParseOptions ParseOptions =
        AdhocCompilation.ParseOptions.WithDocumentationMode(DocumentationMode.None);

    public static void Chunk(string path, ChunkSink sink, CancellationToken cancellationToken)
    {
        var root = CSharpSyntaxTree.ParseText(sink.Text, ParseOptions, path, cancellationToken).GetRoot(cancellationToken);
        new Walker(sink).Members(((CompilationUnitSyntax)root).Members);
    }

    private sealed class Walker(ChunkSink sink)
    {
        private enum RunKind { None, Fields, Statements }

        // Consecutive fields (or top-level statements) make one unit.
        private RunKind runKind;
        private int runStart, runEnd;

        public void Members(SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (var member in members)
            {
                var kind = member switch
                {
                    BaseFieldDeclarationSyntax => RunKind.Fields,
                    GlobalStatementSyntax => RunKind.Statements,
                    _ => RunKind.None,
                };
                if (kind != RunKind.None)
                {
                    if (kind != runKind) FlushRun();
                    if (runKind == RunKind.None) (runKind, runStart) = (kind, StartLine(member));
                    runEnd = EndLine(member);
                    continue;
                }
                FlushRun();
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns: Members(ns.Members); break;
                    case BaseTypeDeclarationSyntax type: Type(type); break;
                    default: sink.AddUnit(StartLine(member), EndLine(member)); break;
                }
            }
            FlushRun();
        }

        private void FlushRun()
        {
            if (runKind != RunKind.None) sink.AddUnit(runStart, runEnd);
            runKind = RunKind.None;
        }

        private void Type(BaseTypeDeclarationSyntax type)
        {
            int start = StartLine(type), end = EndLine(type);
            bool hasBody = type.OpenBraceToken.RawKind != 0 && !type.OpenBraceToken.IsMissing;
            if (!hasBody || end - start + 1 <= sink.Options.SmallTypeMaxLines)
            {
                sink.AddUnit(start, end);
                return;
            }
            int headerEnd = Line(type.OpenBraceToken.SpanStart);
            sink.AddUnit(start, headerEnd);
            if (type is TypeDeclarationSyntax withMembers)
                Members(withMembers.Members);
            else // a long enum: its members in windows
                sink.AddWindows(headerEnd + 1, end, sink.Options.LongChunkWindowLines, sink.Options.LongChunkWindowStep);
        }

        private int Line(int position) => sink.Text.Lines.GetLineFromPosition(position).LineNumber;

        private int EndLine(SyntaxNode node) => Line(Math.Max(node.SpanStart, node.Span.End - 1));

        /// <summary>The first line of a node, or of the comments right above it (no blank line or directive between).</summary>
        private int StartLine(SyntaxNode node)
        {
            int position = node.SpanStart;
            var trivia = node.GetLeadingTrivia();
            bool lineBreakSeen = false;
            for (int i = trivia.Count - 1; i >= 0; i--)
            {
                var t = trivia[i];
                if (t.IsKind(SyntaxKind.WhitespaceTrivia)) continue;
                if (t.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    if (lineBreakSeen) break; // a blank line
                    lineBreakSeen = true;
                    continue;
                }
                if (!IsComment(t)) break;
                position = t.SpanStart;
                // A doc comment's trivia holds its line break; a plain comment's is the next trivia.
                lineBreakSeen = false;
            }
            return Line(position);
        }

        private static bool IsComment(SyntaxTrivia t) =>
            t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia) ||
            t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia);
    }
}
