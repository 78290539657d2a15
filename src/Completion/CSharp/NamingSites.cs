using System.Runtime.CompilerServices;
using LlamaCode.Completion.Retrieval;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.CSharp;

/// <summary>A type named at a place that the type system does not tie to it, and the key of that place.</summary>
/// <param name="Key">"(Method" for an argument (<c>new T</c>, <c>typeof(T)</c>) of a call to Method, "&lt;Method" for a
/// type argument of Method, "=word" for each word of the variable or member that <c>new T</c> is assigned to, "{Element"
/// for an element of a collection initializer, ".Owner" for a member of Owner set in an object initializer</param>
internal readonly record struct NamingSite(string Key, string TypeName);

/// <summary>
/// Where code names a type that nothing points at: <c>var e = new OrderStartedIntegrationEvent(…)</c>,
/// <c>services.AddSingleton&lt;CatalogService&gt;()</c>, <c>cfg.AddOpenBehavior(typeof(ValidatorBehavior&lt;,&gt;))</c>,
/// and a type whose static member is used there (<c>var context = ResilienceContextPool.Shared.Get()</c>).
/// The expected type there is <c>var</c>, a type parameter or <c>Type</c>, or nothing says a type comes; what the
/// other files of the project name at places with the same key is the best guess.
/// </summary>
internal static class NamingSites
{
    private static readonly ConditionalWeakTable<SyntaxTree, ILookup<string, string>> SitesByTree = new();

    /// <summary>The type names of a file's naming sites by key, cached per syntax tree.</summary>
    public static ILookup<string, string> Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        SitesByTree.GetValue(tree, t => In(t.GetRoot(cancellationToken)).ToLookup(s => s.Key, s => s.TypeName, StringComparer.Ordinal));

    /// <summary>The naming sites within <paramref name="node"/>.</summary>
    public static IEnumerable<NamingSite> In(SyntaxNode node, Microsoft.CodeAnalysis.Text.TextSpan? span = null)
    {
        foreach (var n in span is { } s ? node.DescendantNodes(s) : node.DescendantNodes())
        {
            switch (n)
            {
                case ObjectCreationExpressionSyntax creation when SimpleName(creation.Type) is { } name:
                    foreach (var key in KeysBefore(creation.NewKeyword)) yield return new NamingSite(key, name);
                    break;
                case TypeOfExpressionSyntax typeOf when SimpleName(typeOf.Type) is { } name:
                    foreach (var key in KeysBefore(typeOf.Keyword)) yield return new NamingSite(key, name);
                    break;
                // var context = ResilienceContextPool.Shared.Get(…), ForContext(Constants.SourceContextPropertyName, …): a
                // static member of a type, named where nothing expects that type.
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } when receiver.Identifier.ValueText is { Length: > 1 } typeName
                                                                                                    && char.IsUpper(typeName[0]):
                    foreach (var key in KeysBefore(receiver.Identifier)) yield return new NamingSite(key, receiver.Identifier.ValueText);
                    break;
                case GenericNameSyntax generic when IsInvoked(generic):
                    foreach (var argument in generic.TypeArgumentList.Arguments)
                        if (SimpleName(argument) is { } name) yield return new NamingSite("<" + generic.Identifier.ValueText, name);
                    break;
            }
        }
    }

    /// <summary>
    /// The keys of the place just after <paramref name="left"/> (the last token before the cursor, not the word
    /// being typed): after <c>new</c> or <c>typeof(</c>, the call or assignment around it; in <c>Method&lt;</c>, Method.
    /// </summary>
    public static IReadOnlyList<string> KeysAt(SyntaxToken left)
    {
        if (left.IsKind(SyntaxKind.NewKeyword)) return KeysBefore(left);
        // Where an expression starts after '=' or at an argument: a type's static member may be named there.
        if (left.IsKind(SyntaxKind.EqualsToken) || left.Kind() is SyntaxKind.OpenParenToken or SyntaxKind.CommaToken && left.Parent is ArgumentListSyntax)
            return KeysAfter(left);
        if (left.IsKind(SyntaxKind.OpenParenToken) && left.GetPreviousToken().IsKind(SyntaxKind.TypeOfKeyword)) return KeysBefore(left.GetPreviousToken());
        if (left.IsKind(SyntaxKind.LessThanToken) || left.IsKind(SyntaxKind.CommaToken) && left.Parent is TypeArgumentListSyntax)
        {
            // "Method<" may parse as a comparison while the type argument is not there yet: the identifier before '<' names it.
            var open = left.IsKind(SyntaxKind.LessThanToken) ? left : ((TypeArgumentListSyntax)left.Parent!).LessThanToken;
            var before = open.GetPreviousToken();
            if (before.IsKind(SyntaxKind.IdentifierToken) && before.ValueText is { Length: > 0 } name && char.IsUpper(name[0])) return ["<" + name];
        }
        return [];
    }

    /// <summary>The key of a member of the type named <paramref name="typeName"/>, as filled in object initializers elsewhere.</summary>
    public static string MemberOf(string typeName) => "." + typeName;

    /// <summary>The keys of the place of an expression that starts with <paramref name="start"/>, read from the tokens before it.</summary>
    private static IReadOnlyList<string> KeysBefore(SyntaxToken start) => KeysAfter(start.GetPreviousToken());

    /// <summary>The keys of the place of an expression that starts right after <paramref name="previous"/>.</summary>
    private static IReadOnlyList<string> KeysAfter(SyntaxToken previous)
    {
        if (previous.IsKind(SyntaxKind.EqualsToken))
        {
            // var name = new …, Name = new …, x.Name = new …
            var target = previous.GetPreviousToken();
            if (!target.IsKind(SyntaxKind.IdentifierToken)) return [];
            var keys = IdentifierTerms.Words(target.ValueText).Select(w => "=" + w).ToList();
            // new Order { Total = … }: also a member of Order, whatever its name (what fills the type's members).
            if (previous.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax owner } ownerInitializer }
                && ownerInitializer.IsKind(SyntaxKind.ObjectInitializerExpression) && SimpleName(owner.Type) is { } ownerName)
                keys.Add(MemberOf(ownerName));
            return keys;
        }
        if ((previous.IsKind(SyntaxKind.OpenBraceToken) || previous.IsKind(SyntaxKind.CommaToken)) && previous.Parent is InitializerExpressionSyntax initializer)
        {
            // new IPolicy[] { new APolicy(), new |: the element of the collection being initialized.
            var owner = initializer.Parent switch
            {
                ArrayCreationExpressionSyntax array => SimpleName(array.Type.ElementType),
                ObjectCreationExpressionSyntax creation => SimpleName(creation.Type),
                _ => null,
            };
            return ["{" + owner];
        }
        if (previous.IsKind(SyntaxKind.OpenParenToken) || previous.IsKind(SyntaxKind.CommaToken))
        {
            // Method(new …, Method(a, typeof(…: the name of the call.
            var token = previous;
            int depth = 0;
            for (int i = 0; i < 64 && !token.IsKind(SyntaxKind.None); i++, token = token.GetPreviousToken())
            {
                if (token.IsKind(SyntaxKind.CloseParenToken)) depth++;
                else if (token.IsKind(SyntaxKind.OpenParenToken) && depth-- == 0)
                {
                    var name = token.GetPreviousToken();
                    if (name.IsKind(SyntaxKind.GreaterThanToken)) name = GenericIdentifier(name);
                    return name.IsKind(SyntaxKind.IdentifierToken) ? ["(" + name.ValueText] : [];
                }
                else if (token.IsKind(SyntaxKind.SemicolonToken) || token.IsKind(SyntaxKind.OpenBraceToken)) break;
            }
        }
        return [];
    }

    // Method<T>() or x.Method<T>(): the generic method's name is the key; List<T> is a type the compiler knows.
    private static bool IsInvoked(GenericNameSyntax generic) =>
        generic.Parent is InvocationExpressionSyntax
        || generic.Parent is MemberAccessExpressionSyntax access && access.Name == generic && access.Parent is InvocationExpressionSyntax;

    // The identifier of "Name<…>" given its closing '>'.
    private static SyntaxToken GenericIdentifier(SyntaxToken close) =>
        close.Parent is TypeArgumentListSyntax { Parent: GenericNameSyntax generic } ? generic.Identifier : default;

    private static string? SimpleName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax id when !id.IsVar => id.Identifier.ValueText,
        GenericNameSyntax g => g.Identifier.ValueText,
        QualifiedNameSyntax q => SimpleName(q.Right),
        AliasQualifiedNameSyntax a => SimpleName(a.Name),
        NullableTypeSyntax n => SimpleName(n.ElementType),
        _ => null,
    } is { Length: > 0 } name && char.IsUpper(name[0]) ? name : null;
}
