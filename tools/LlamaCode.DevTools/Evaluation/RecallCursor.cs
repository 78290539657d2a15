using System.Text.RegularExpressions;
using LlamaCode.Completion.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.DevTools.Evaluation;

/// <summary>
/// A retrieval test case: the cursor sits just before <see cref="Identifier"/>, which is declared in another file
/// of the repository (<see cref="DeclaringPaths"/>) and does not appear earlier in the current file; the rest of
/// the cursor's line is cut from <see cref="Text"/>.
/// </summary>
public sealed record RecallCursor(string Path, string Text, int Offset, int Line, string Identifier, IReadOnlySet<string> DeclaringPaths);

/// <summary>Picks <see cref="RecallCursor"/>s from a workspace, deterministically for a seed.</summary>
public static class RecallCursors
{
    public static async Task<IReadOnlyList<RecallCursor>> PickAsync(CSharpWorkspace workspace, int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var documents = workspace.Solution.Projects.SelectMany(p => p.Documents)
            .Where(d => d.FilePath is { } path && path != AdhocCompilation.ImplicitUsingsPath)
            .OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();
        Shuffle(documents, random);
        var cursors = new List<RecallCursor>();
        foreach (var document in documents)
        {
            if (cursors.Count >= count) break;
            var candidates = await CandidatesAsync(document, cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0) continue;
            // One cursor per file, so that a few large files cannot dominate the sample.
            cursors.Add(candidates[random.Next(candidates.Count)]);
        }
        return cursors;
    }

    private static async Task<List<RecallCursor>> CandidatesAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        var path = document.FilePath!;
        var result = new List<RecallCursor>();
        if (model is null || root is null) return result;
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in root.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken)) continue;
            var name = token.ValueText;
            bool firstUse = seenNames.Add(name);
            // Only names in code (not in usings or namespace names) that the file has not spelled before.
            if (!firstUse || token.Parent is not SimpleNameSyntax simple || InUsingOrNamespaceName(simple) || simple is IdentifierNameSyntax { IsVar: true } || name is "nameof" or "dynamic" or "var")
                continue;
            if (token.Parent.Parent is not (ExpressionSyntax or StatementSyntax or ArgumentSyntax or EqualsValueClauseSyntax or TypeSyntax or VariableDeclarationSyntax or ParameterSyntax or BaseTypeSyntax or ObjectCreationExpressionSyntax or MemberAccessExpressionSyntax))
                continue;
            var symbol = model.GetSymbolInfo(simple, cancellationToken).Symbol;
            if (symbol is null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or IRangeVariableSymbol or ILabelSymbol) continue;
            var declaring = symbol.OriginalDefinition.Locations.Where(l => l.IsInSource).Select(l => l.SourceTree!.FilePath).ToHashSet(StringComparer.Ordinal);
            if (declaring.Count == 0 || declaring.Contains(path) || declaring.Contains(AdhocCompilation.ImplicitUsingsPath)) continue;
            if (WordBefore(text, token.SpanStart, name)) continue; // named earlier (in a comment or string, say)
            int offset = token.SpanStart;
            int lineEnd = text.IndexOf('\n', offset);
            var cut = lineEnd < 0 ? text[..offset] : text[..offset] + text[lineEnd..];
            int line = text.AsSpan(0, offset).Count('\n');
            result.Add(new RecallCursor(path, cut, offset, line, name, declaring));
        }
        return result;
    }

    private static bool InUsingOrNamespaceName(SyntaxNode node) =>
        node.Ancestors().Any(a => a is UsingDirectiveSyntax || (a is BaseNamespaceDeclarationSyntax ns && ns.Name.Span.Contains(node.Span)));

    private static bool WordBefore(string text, int end, string word) =>
        Regex.IsMatch(text.AsSpan(0, end).ToString(), $@"\b{Regex.Escape(word)}\b");

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
