using LlamaCode.Completion.Retrieval;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// Renders a type as a compact C# stub: its declaration line and its members' declarations without bodies, with
/// trimmed XML doc summaries. Stubs carry what the model needs (names, types, signatures) for a fraction of the
/// tokens of the source.
/// </summary>
public static class StubRenderer
{
    private const int TypeSummaryChars = 120;
    private const int MemberSummaryChars = 80;
    private const int MaxEnumValues = 40;
    private const int MaxOverloads = 2;

    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers |
                       SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters |
                       SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeConstantValue,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
                          SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut |
                          SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        kindOptions: SymbolDisplayKindOptions.None,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers |
                              SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeVariance,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>
    /// The stub of <paramref name="type"/>, showing only members that <paramref name="compilation"/> deems accessible
    /// from <paramref name="within"/> (the type or assembly at the cursor), at most <paramref name="maxMembers"/>: those whose names share words with
    /// <paramref name="nearbyTerms"/> (and constructors) are kept first when there are more. A partial type gives one
    /// part per file that declares a shown member, each under that file's path, so that every member is shown where
    /// it is declared; the members shown in all parts together are the same as for a non-partial type.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> RenderParts(Compilation compilation, INamedTypeSymbol type, ISymbol within, int maxMembers,
        IReadOnlySet<string>? nearbyTerms = null, Func<IMethodSymbol, bool>? methodFilter = null)
    {
        var typePath = PathOf(type) ?? string.Empty;
        var sb = new StringBuilder();
        AppendSummary(sb, type, string.Empty, TypeSummaryChars);
        if (type.TypeKind == TypeKind.Enum)
        {
            var values = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToList();
            sb.Append(Header(type)).Append(" { ").Append(string.Join(", ", values.Take(MaxEnumValues)))
                .Append(values.Count > MaxEnumValues ? ", …" : string.Empty).Append(" }\n");
            return [(typePath, sb.ToString())];
        }
        if (type.TypeKind == TypeKind.Delegate && type.DelegateInvokeMethod is { } invoke)
        {
            sb.Append(Accessibility(type)).Append("delegate ").Append(invoke.ReturnType.ToDisplayString(TypeNameFormat)).Append(' ')
                .Append(type.ToDisplayString(TypeNameFormat)).Append('(')
                .Append(string.Join(", ", invoke.Parameters.Select(p => p.ToDisplayString(MemberFormat)))).Append(");\n");
            return [(typePath, sb.ToString())];
        }

        var members = type.GetMembers().Where(m => Shown(compilation, m, within) && (methodFilter is null || m is not IMethodSymbol ms || methodFilter(ms))).ToList();
        if (members.Count > maxMembers)
        {
            // Overloads say little more than their first two: keep room for distinct names.
            var perName = new Dictionary<string, int>(StringComparer.Ordinal);
            members = members.Where(m => (perName[m.Name] = perName.GetValueOrDefault(m.Name) + 1) <= MaxOverloads).ToList();
        }
        if (members.Count > maxMembers)
        {
            members = members.Select((m, i) => (m, i))
                .OrderByDescending(x => Relevance(x.m, nearbyTerms)).ThenBy(x => x.i).Take(maxMembers)
                .OrderBy(x => x.i).Select(x => x.m).ToList();
        }
        var header = Header(type);
        var byFile = members.GroupBy(m => PathOf(m) ?? typePath).ToList();
        if (byFile.Count <= 1)
        {
            AppendBody(sb, header, members);
            return [(byFile.Count == 1 ? byFile[0].Key : typePath, sb.ToString())];
        }
        var parts = new List<(string, string)>();
        foreach (var group in byFile.OrderBy(g => g.Key == typePath ? 0 : 1))
        {
            var part = new StringBuilder(parts.Count == 0 ? sb.ToString() : string.Empty);
            AppendBody(part, header.Replace(" class ", " partial class ").Replace(" struct ", " partial struct ").Replace(" interface ", " partial interface "), group);
            parts.Add((group.Key, part.ToString()));
        }
        return parts;
    }

    private static void AppendBody(StringBuilder sb, string header, IEnumerable<ISymbol> members)
    {
        sb.Append(header).Append('\n').Append("{\n");
        foreach (var member in members)
        {
            AppendSummary(sb, member, "    ", MemberSummaryChars);
            sb.Append("    ").Append(Declaration(member)).Append('\n');
        }
        sb.Append("}\n");
    }

    private static string? PathOf(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath;

    private static double Relevance(ISymbol member, IReadOnlySet<string>? nearby)
    {
        if (member is IMethodSymbol { MethodKind: MethodKind.Constructor }) return 2;
        if (nearby is null || nearby.Count == 0) return 0;
        var terms = IdentifierTerms.Words(member.Name);
        return terms.Count == 0 ? 0 : (double)terms.Count(nearby.Contains) / terms.Count;
    }

    private static bool Shown(Compilation compilation, ISymbol member, ISymbol within)
    {
        if (member.IsImplicitlyDeclared || !member.CanBeReferencedByName && member is not IMethodSymbol { MethodKind: MethodKind.Constructor }) return false;
        if (member is IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.Constructor) }) return false;
        if (member is INamedTypeSymbol) return false; // nested types get stubs of their own when they matter
        return compilation.IsSymbolAccessibleWithin(member, within);
    }

    /// <summary>The declaration line of a type: modifiers, kind, name with type parameters, bases.</summary>
    public static string Header(INamedTypeSymbol type)
    {
        var sb = new StringBuilder(Accessibility(type));
        if (type.IsStatic) sb.Append("static ");
        else if (type.IsAbstract && type.TypeKind == TypeKind.Class) sb.Append("abstract ");
        else if (type.IsSealed && type.TypeKind == TypeKind.Class) sb.Append("sealed ");
        if (type.IsReadOnly && type.TypeKind == TypeKind.Struct) sb.Append("readonly ");
        sb.Append(type.TypeKind switch
        {
            TypeKind.Interface => "interface ",
            TypeKind.Struct => type.IsRecord ? "record struct " : "struct ",
            TypeKind.Enum => "enum ",
            _ => type.IsRecord ? "record " : "class ",
        });
        sb.Append(type.ToDisplayString(TypeNameFormat));
        var bases = new List<string>();
        if (type.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum) } baseType
            && type.TypeKind == TypeKind.Class)
            bases.Add(baseType.ToDisplayString(TypeNameFormat));
        if (type.TypeKind == TypeKind.Enum && type.EnumUnderlyingType is { SpecialType: not SpecialType.System_Int32 } underlying)
            bases.Add(underlying.ToDisplayString(TypeNameFormat));
        bases.AddRange(type.Interfaces.Where(i => !type.IsRecord || i.Name != "IEquatable").Select(i => i.ToDisplayString(TypeNameFormat)));
        if (bases.Count > 0) sb.Append(" : ").Append(string.Join(", ", bases));
        return sb.ToString();
    }

    private static string Declaration(ISymbol member)
    {
        var text = member.ToDisplayString(MemberFormat);
        return member switch
        {
            IPropertySymbol => text,            // "{ get; set; }" already closes it
            IEventSymbol => "event " + text.Replace(" event ", " ") + ";",
            _ => text + ";",
        };
    }

    private static string Accessibility(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public ",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal ",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected ",
        Microsoft.CodeAnalysis.Accessibility.Private => "private ",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal ",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected ",
        _ => string.Empty,
    };

    private static void AppendSummary(StringBuilder sb, ISymbol symbol, string indent, int maxChars)
    {
        if (Summary(symbol, maxChars) is { } summary) sb.Append(indent).Append("/// ").Append(summary).Append('\n');
    }

    /// <summary>
    /// The symbol's XML doc summary as one line, cut at a word boundary to at most <paramref name="maxChars"/>.
    /// Read from the declaration's doc comment syntax, not through the compiler's doc comment API, which binds
    /// every cref and costs more than the whole rest of a stub.
    /// </summary>
    public static string? Summary(ISymbol symbol, int maxChars)
    {
        if (symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not { } declaration) return null;
        // A field's doc comment sits on its declaration, two levels up from the variable.
        var owner = declaration is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Parent.Parent: { } field } ? field : declaration;
        var doc = owner.GetLeadingTrivia().Select(t => t.GetStructure()).OfType<DocumentationCommentTriviaSyntax>().LastOrDefault();
        var summary = doc?.Content.OfType<XmlElementSyntax>().FirstOrDefault(e => e.StartTag.Name.LocalName.Text == "summary");
        if (summary is null) return null;
        var sb = new StringBuilder();
        foreach (var node in summary.Content) AppendText(sb, node);
        var text = string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return null;
        if (text.Length <= maxChars) return text;
        int cut = text.LastIndexOf(' ', maxChars - 1);
        return text[..(cut > maxChars / 2 ? cut : maxChars - 1)] + "…";
    }

    private static void AppendText(StringBuilder sb, XmlNodeSyntax node)
    {
        switch (node)
        {
            case XmlTextSyntax text:
                foreach (var token in text.TextTokens) sb.Append(token.IsKind(SyntaxKind.XmlTextLiteralNewLineToken) ? " " : token.ValueText);
                break;
            case XmlElementSyntax element:
                foreach (var child in element.Content) AppendText(sb, child);
                break;
            case XmlEmptyElementSyntax empty:
                // <see cref="Foo.Bar"/> reads as "Bar"; <see langword="null"/> as "null".
                foreach (var attribute in empty.Attributes)
                {
                    var value = attribute switch
                    {
                        XmlCrefAttributeSyntax cref => cref.Cref.ToString(),
                        XmlNameAttributeSyntax name => name.Identifier.ToString(),
                        XmlTextAttributeSyntax t => string.Concat(t.TextTokens.Select(x => x.ValueText)),
                        _ => string.Empty,
                    };
                    if (value.Length == 0) continue;
                    sb.Append(value[(value.LastIndexOf('.') + 1)..]);
                    break;
                }
                break;
        }
    }
}
