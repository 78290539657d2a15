using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// The semantic questions <see cref="CursorSymbols"/> asks about the request's syntax tree. Usually answered by
/// binding the edited member's body speculatively against the catalog's compilation (as Roslyn's IDE does for an edit
/// inside a method body): that compilation's symbols, with their members and the namespaces already bound by the
/// requests before, serve every keystroke, where a compilation forked for the request would bind all of them again
/// (the costliest part of a request, and the cause of its slow tail). Other edits are bound in a fork.
/// </summary>
internal sealed class CursorModel
{
    private readonly SemanticModel _model;
    private readonly Speculation? _speculation;

    // A speculatively bound body: its model, the body in the request's tree, the base tree, and the edit between
    // the two trees (where it starts, where it ends in the request's tree, and how much longer it made the text).
    private sealed record Speculation(SemanticModel Model, SyntaxNode Body, SyntaxNode BaseRoot, int EditStart, int EditEnd, int Delta);

    private CursorModel(SemanticModel model, Speculation? speculation = null)
    {
        _model = model;
        _speculation = speculation;
    }

    /// <summary>
    /// Every question goes to <paramref name="model"/> (of the request's own tree): a tree of a compilation kept
    /// across requests, or one of a fork made for this request (<paramref name="forked"/>).
    /// </summary>
    public static CursorModel Of(SemanticModel model, bool forked = false) => new(model) { IsForked = forked };

    /// <summary>Whether the request's tree is bound speculatively.</summary>
    public bool IsSpeculative => _speculation is not null;

    /// <summary>Whether the request's tree is bound in a fork made for it.</summary>
    public bool IsForked { get; private init; }

    /// <summary>
    /// The request's tree <paramref name="root"/>, which is <paramref name="baseModel"/>'s tree with one edit at
    /// <paramref name="edit"/> (in the base tree's coordinates), bound speculatively when that edit lies inside one
    /// method or accessor body and leaves the rest of the tree as it was; null when it does not.
    /// </summary>
    public static CursorModel? TrySpeculative(SemanticModel baseModel, SyntaxNode root, TextChange edit)
    {
        var baseRoot = baseModel.SyntaxTree.GetRoot();
        int start = edit.Span.Start, delta = (edit.NewText?.Length ?? 0) - edit.Span.Length;
        if (BodyMember(baseRoot, edit.Span) is not { } baseMember) return null;
        var newEditSpan = new TextSpan(start, edit.NewText?.Length ?? 0);
        if (BodyMember(root, newEditSpan) is not { } member
            || member.RawKind != baseMember.RawKind || member.Span.Start != baseMember.Span.Start || member.Span.End != baseMember.Span.End + delta
            || root.FullSpan.End != baseRoot.FullSpan.End + delta)
            return null;
        SemanticModel? speculative = null;
        bool bound = (member, Body(member), Body(baseMember)) switch
        {
            // An expression body is speculated alone, from a position inside the base one (an arrow's own token is not).
            (_, ArrowExpressionClauseSyntax arrow, ArrowExpressionClauseSyntax baseArrow) =>
                baseModel.TryGetSpeculativeSemanticModel(baseArrow.Expression.SpanStart, arrow, out speculative),
            (BaseMethodDeclarationSyntax method, BlockSyntax, BlockSyntax baseBlock) =>
                baseModel.TryGetSpeculativeSemanticModelForMethodBody(baseBlock.SpanStart, method, out speculative),
            (AccessorDeclarationSyntax accessor, BlockSyntax, BlockSyntax baseBlock) =>
                baseModel.TryGetSpeculativeSemanticModelForMethodBody(baseBlock.SpanStart, accessor, out speculative),
            _ => false,
        };
        return bound && speculative is not null
            ? new CursorModel(baseModel, new Speculation(speculative, Body(member)!, baseRoot, start, start + newEditSpan.Length, delta))
            : null;
    }

    public Compilation Compilation => _model.Compilation;

    public SymbolInfo GetSymbolInfo(SyntaxNode node, CancellationToken ct) =>
        Route(node) is var (model, n) && n is not null ? model.GetSymbolInfo(n, ct) : default;

    public TypeInfo GetTypeInfo(SyntaxNode node, CancellationToken ct) =>
        Route(node) is var (model, n) && n is not null ? model.GetTypeInfo(n, ct) : default;

    public ISymbol? GetDeclaredSymbol(SyntaxNode node, CancellationToken ct) =>
        Route(node) is var (model, n) && n is not null ? model.GetDeclaredSymbol(n, ct) : null;

    public ImmutableArray<ISymbol> LookupSymbols(int position, string name)
    {
        if (_speculation is not { } speculation) return _model.LookupSymbols(position, name: name);
        if (InBody(speculation, position)) return speculation.Model.LookupSymbols(position, name: name);
        return MapPosition(speculation, position) is { } mapped ? _model.LookupSymbols(mapped, name: name) : [];
    }

    // A node of the edited body goes to the speculative model; any other, to its twin in the base tree.
    private (SemanticModel Model, SyntaxNode? Node) Route(SyntaxNode node)
    {
        if (_speculation is not { } speculation) return (_model, node);
        if (node.SyntaxTree == speculation.Body.SyntaxTree && InBody(speculation, node.SpanStart) && node.Span.End <= speculation.Body.Span.End)
            return (speculation.Model, node);
        if (MapPosition(speculation, node.Span.Start) is not { } start || MapPosition(speculation, node.Span.End) is not { } end || end < start) return (_model, null);
        var span = new TextSpan(start, end - start);
        var twin = speculation.BaseRoot.FindNode(span, getInnermostNodeForTie: true)?.AncestorsAndSelf()
            .FirstOrDefault(n => n.RawKind == node.RawKind && n.Span == span);
        return (_model, twin);
    }

    private static bool InBody(Speculation speculation, int position) => position > speculation.Body.SpanStart && position < speculation.Body.Span.End;

    // A position of the request's tree in the base tree: before the edit it is the same, after it shifted back.
    private static int? MapPosition(Speculation speculation, int position) =>
        position <= speculation.EditStart ? position : position >= speculation.EditEnd ? position - speculation.Delta : null;

    // The method or accessor whose body holds all of span (between its braces, or in its expression body).
    private static SyntaxNode? BodyMember(SyntaxNode root, TextSpan span)
    {
        var member = root.FindToken(span.Start).Parent?.AncestorsAndSelf()
            .FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (member is null) return null;
        (int Start, int End)? inside = Body(member) switch
        {
            BlockSyntax { CloseBraceToken.IsMissing: false } block => (block.OpenBraceToken.Span.End, block.CloseBraceToken.SpanStart),
            ArrowExpressionClauseSyntax arrow => (arrow.Expression.SpanStart, arrow.Span.End),
            _ => null,
        };
        return inside is { } body && span.Start >= body.Start && span.End <= body.End ? member : null;
    }

    private static SyntaxNode? Body(SyntaxNode member) => member switch
    {
        BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
        AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
        _ => null,
    };
}
