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
    // Speculative only: the base tree's model, the edited member in the request's tree, and the edit between them.
    private readonly SemanticModel? _speculative;
    private readonly SyntaxNode? _member;
    private readonly SyntaxNode? _baseRoot;
    private readonly int _editStart, _editEnd, _delta;

    private CursorModel(SemanticModel model, SemanticModel? speculative = null, SyntaxNode? member = null, SyntaxNode? baseRoot = null,
        int editStart = 0, int editEnd = 0, int delta = 0)
    {
        _model = model;
        _speculative = speculative;
        _member = member;
        _baseRoot = baseRoot;
        _editStart = editStart;
        _editEnd = editEnd;
        _delta = delta;
    }

    /// <summary>
    /// Every question goes to <paramref name="model"/> (of the request's own tree): a tree of a compilation kept
    /// across requests, or one of a fork made for this request (<paramref name="forked"/>).
    /// </summary>
    public static CursorModel Of(SemanticModel model, bool forked = false) => new(model) { IsForked = forked };

    /// <summary>Whether the request's tree is bound speculatively.</summary>
    public bool IsSpeculative => _speculative is not null;

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
        return bound && speculative is not null ? new CursorModel(baseModel, speculative, member, baseRoot, start, start + newEditSpan.Length, delta) : null;
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
        if (_speculative is null) return _model.LookupSymbols(position, name: name);
        if (InBody(position)) return _speculative.LookupSymbols(position, name: name);
        return MapPosition(position) is { } mapped ? _model.LookupSymbols(mapped, name: name) : [];
    }

    // A node of the edited body goes to the speculative model; any other, to its twin in the base tree.
    private (SemanticModel Model, SyntaxNode? Node) Route(SyntaxNode node)
    {
        if (_speculative is null) return (_model, node);
        if (node.SyntaxTree == _member!.SyntaxTree && InBody(node.SpanStart) && node.Span.End <= Body(_member)!.Span.End) return (_speculative, node);
        if (MapPosition(node.Span.Start) is not { } start || MapPosition(node.Span.End) is not { } end || end < start) return (_model, null);
        var span = new TextSpan(start, end - start);
        var twin = _baseRoot!.FindNode(span, getInnermostNodeForTie: true)?.AncestorsAndSelf()
            .FirstOrDefault(n => n.RawKind == node.RawKind && n.Span == span);
        return (_model, twin);
    }

    private bool InBody(int position) => Body(_member!) is { } body && position > body.SpanStart && position < body.Span.End;

    // A position of the request's tree in the base tree: before the edit it is the same, after it shifted back.
    private int? MapPosition(int position) =>
        position <= _editStart ? position : position >= _editEnd ? position - _delta : null;

    // The method or accessor whose body holds all of span (between its braces, or in its expression body).
    private static SyntaxNode? BodyMember(SyntaxNode root, TextSpan span)
    {
        var member = root.FindToken(span.Start).Parent?.AncestorsAndSelf()
            .FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (member is null || Body(member) is not { } body) return null;
        int inner = body is BlockSyntax block ? block.OpenBraceToken.Span.End : ((ArrowExpressionClauseSyntax)body).Expression.SpanStart;
        int innerEnd = body is BlockSyntax b ? b.CloseBraceToken.SpanStart : body.Span.End;
        return span.Start >= inner && span.End <= innerEnd && !(body is BlockSyntax bb && bb.CloseBraceToken.IsMissing) ? member : null;
    }

    private static SyntaxNode? Body(SyntaxNode member) => member switch
    {
        BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
        AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
        _ => null,
    };
}
