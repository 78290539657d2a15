using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// Rendered stub lines of source members, kept per syntax tree. Every keystroke gives the edited project a new
/// compilation, whose symbols are all new and bind their signatures again when displayed; the syntax trees of the
/// files not edited are the same objects, though, and a member's stub line is a function of its declaration
/// (names are displayed as written), so it is rendered once per version of its file.
/// </summary>
internal static class MemberLineCache
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<(int Start, SymbolKind Kind, string Name), string>> Lines = new();

    public static string GetOrRender(ISymbol member, Func<ISymbol, string> render)
    {
        if (member.DeclaringSyntaxReferences is not [var declaration, ..]) return render(member);
        var key = (declaration.Span.Start, member.Kind, member.Name);
        var lines = Lines.GetValue(declaration.SyntaxTree, _ => new());
        if (lines.TryGetValue(key, out var cached)) return cached;
        var text = render(member);
        lines.TryAdd(key, text);
        return text;
    }
}
