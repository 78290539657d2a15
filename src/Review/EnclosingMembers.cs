using LlamaCode.Completion.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Review;

/// <summary>The members (methods, properties, constructors, fields…) of a C# text that hold given lines, found with Roslyn syntax only.</summary>
public static class EnclosingMembers
{
    /// <summary>1-based, inclusive line ranges of the innermost non-type members that hold any of <paramref name="lines"/>, in order.</summary>
    public static IReadOnlyList<(int First, int Last)> Find(string path, string text, IEnumerable<int> lines)
    {
        var tree = AdhocCompilation.Parse(path, text);
        var root = tree.GetRoot();
        var source = tree.GetText();
        var ranges = new SortedSet<(int First, int Last)>();
        foreach (var line in lines)
        {
            if (line < 1 || line > source.Lines.Count) continue;
            var span = source.Lines[line - 1].Span;
            var token = root.FindToken(span.Start + (source.Lines[line - 1].ToString().Length - source.Lines[line - 1].ToString().TrimStart().Length));
            var member = token.Parent?.AncestorsAndSelf().OfType<MemberDeclarationSyntax>()
                .FirstOrDefault(m => m is not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax);
            if (member is null) continue;
            var lineSpan = member.GetLocation().GetLineSpan();
            ranges.Add((lineSpan.StartLinePosition.Line + 1, lineSpan.EndLinePosition.Line + 1));
        }
        // Nested ranges (a local function's member and its container) collapse into the outer one.
        return ranges.Where(r => !ranges.Any(o => o != r && o.First <= r.First && o.Last >= r.Last)).ToArray();
    }
}
