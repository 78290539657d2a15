using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// The repository types that files like the current one use and it does not name yet: the files of the project
/// that name the most of the same repository types (cosine over the sets of type names, files of the same folder
/// counting more) vote for the other types they name. Test classes share their fixture base, sibling interfaces
/// their marker interface, code of one layer its guard and logging helpers: none of that is in the words around
/// the cursor, but all of it is in the neighbours.
/// </summary>
internal static class CoUsedTypes
{
    // Per syntax tree (immutable, and shared by every snapshot in which its file did not change): the capitalized
    // identifiers it spells. Computed once per tree version; the tree of the request's own text is the only new one.
    private static readonly ConditionalWeakTable<SyntaxTree, HashSet<string>> NamesByTree = new();

    private const double SameFolderWeight = 1.5;

    /// <summary>The capitalized identifiers <paramref name="tree"/> spells (type names among them), cached per tree.</summary>
    public static IReadOnlySet<string> NamesOf(SyntaxTree tree, CancellationToken cancellationToken) =>
        NamesByTree.GetValue(tree, t => CapitalizedIdentifiers(t.GetRoot(cancellationToken)));

    /// <summary>
    /// Type names not in <paramref name="currentTypeNames"/>, with their votes from the <paramref name="neighbours"/> files
    /// of <paramref name="trees"/> most like <paramref name="currentPath"/>; highest first.
    /// </summary>
    public static IReadOnlyList<(string Name, double Votes)> Suggest(IEnumerable<SyntaxTree> trees, string currentPath,
        IEnumerable<string> currentTypeNames, Func<SyntaxTree, IReadOnlyCollection<string>> typeNamesIn, int neighbours, CancellationToken cancellationToken)
    {
        var current = currentTypeNames.ToHashSet(StringComparer.Ordinal);
        if (current.Count == 0) return [];
        var folder = Folder(currentPath);
        var similar = new List<(IReadOnlyCollection<string> Names, double Similarity)>();
        foreach (var tree in trees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tree.FilePath == currentPath || tree.FilePath == AdhocCompilation.ImplicitUsingsPath) continue;
            var names = typeNamesIn(tree);
            int shared = 0;
            foreach (var name in names)
                if (current.Contains(name)) shared++;
            if (shared == 0) continue;
            double similarity = shared / Math.Sqrt((double)names.Count * current.Count) * (Folder(tree.FilePath) == folder ? SameFolderWeight : 1);
            similar.Add((names, similarity));
        }
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (names, similarity) in similar.OrderByDescending(s => s.Similarity).Take(neighbours))
            foreach (var name in names)
                if (!current.Contains(name))
                    votes[name] = votes.GetValueOrDefault(name) + similarity;
        return votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value)).ToList();
    }

    private static string Folder(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];

    private static HashSet<string> CapitalizedIdentifiers(SyntaxNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in root.DescendantTokens())
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is { Length: > 0 } text && char.IsUpper(text[0]))
                names.Add(text);
        return names;
    }
}
