using LlamaCode.Completion.Retrieval;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
/// <summary>How much of a type a stub shows.</summary>
/// <param name="MaxMembers">Most member declarations.</param>
/// <param name="MaxChars">About the most characters of all parts together.</param>
/// <param name="NameTheRest">Name the members left out in a comment line (for a receiver, whose member names are what comes next).</param>
/// <param name="MemberSummaries">Show the members' doc summaries (a type's own summary is always shown).</param>
/// <param name="RankByUse">Rank members also by how often the type's own code uses them (for the class being written,
/// whose members are named bare: the helpers that its other parts call everywhere).</param>
/// <param name="NameNestedTypes">With <paramref name="NameTheRest"/>, name the type's nested types too (after the type's
/// name, or in the class being written, a nested type can come next).</param>
public sealed record StubLimits(int MaxMembers, int MaxChars = int.MaxValue, bool NameTheRest = false, bool MemberSummaries = true, bool RankByUse = false,
    bool NameNestedTypes = false);

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
    /// from <paramref name="within"/> (the type or assembly at the cursor), at most <see cref="StubLimits.MaxMembers"/>: those whose names share words with
    /// <paramref name="nearbyTerms"/> (and constructors) are kept first when there are more. A partial type gives one
    /// part per file that declares a shown member, each under that file's path, so that every member is shown where
    /// it is declared; the members shown in all parts together are the same as for a non-partial type. The parts
    /// together stay within about <see cref="StubLimits.MaxChars"/> (the declaration line is always shown). With
    /// <see cref="StubLimits.NameTheRest"/>, the names of the members left out follow in one comment line.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> RenderParts(Compilation compilation, INamedTypeSymbol type, ISymbol within, StubLimits limits,
        IReadOnlySet<string>? nearbyTerms = null, Func<ISymbol, bool>? memberFilter = null)
    {
        int maxMembers = limits.MaxMembers, maxChars = limits.MaxChars;
        var typePath = PathOf(type) ?? string.Empty;
        var sb = new StringBuilder();
        // Read once per version of the file that declares the type (its members' lines are cached alike).
        sb.Append(MemberLineCache.GetOrRender(type, t => Summary(t, TypeSummaryChars) is { } summary ? $"/// {summary}\n" : string.Empty));
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

        var members = ShownMembers(compilation, type, within).Where(m => memberFilter is null || memberFilter(m.Symbol)).ToList();
        if (limits.RankByUse) members = WeighByUse(type, members);
        if (members.Count > maxMembers)
        {
            // Overloads say little more than their first two: keep room for distinct names.
            var perName = new Dictionary<string, int>(StringComparer.Ordinal);
            members = members.Where(m => (perName[m.Symbol.Name] = perName.GetValueOrDefault(m.Symbol.Name) + 1) <= MaxOverloads).ToList();
        }
        var header = Header(type);
        int available = maxChars - sb.Length - header.Length - 4;
        // More members than may be shown cannot all fit: then a first choice with the whole room would be thrown away.
        bool mayAllFit = !limits.NameTheRest || members.Count <= maxMembers;
        var shown = mayAllFit ? ChooseMembers(members, maxMembers, available, nearbyTerms, limits.MemberSummaries) : [];
        IReadOnlyList<(string Path, string Line)> rest = [];
        if (limits.NameTheRest && (!mayAllFit || shown.Count < members.Count))
        {
            // Keep room for the names of the members left out: a name costs a few characters where a declaration
            // costs a line, and for a receiver (or the class being written) the next token is one of them; and
            // the declarations go without their doc summaries: more of them fit, and names matter most here.
            shown = ChooseMembers(members, maxMembers, (int)(available * (1 - RestShare)), nearbyTerms, withSummaries: false);
            rest = RestLines([.. members, .. NestedTypes(compilation, type, within, limits, memberFilter)], shown, available - shown.Sum(m => m.Lines.Length), typePath,
                PartHeaderChars + type.Name.Length, nearbyTerms);
        }
        else if (limits.NameTheRest && NestedTypes(compilation, type, within, limits, memberFilter) is { Count: > 0 } nested)
            rest = RestLines(nested, shown, available - shown.Sum(m => m.Lines.Length), typePath, PartHeaderChars + type.Name.Length, nearbyTerms);
        var byFile = shown.Select(m => (Path: PathOf(m.Member) ?? typePath, m.Member, m.Lines)).GroupBy(m => m.Path)
            .ToDictionary(g => g.Key, g => g.Select(m => (m.Member, m.Lines)).ToList());
        foreach (var (path, _) in rest) byFile.TryAdd(path, []);
        if (byFile.Count <= 1)
        {
            var path = byFile.Count == 1 ? byFile.Keys.First() : typePath;
            AppendBody(sb, header, byFile.GetValueOrDefault(path) ?? [], rest.FirstOrDefault(r => r.Path == path).Line);
            return [(path, sb.ToString())];
        }
        var parts = new List<(string, string)>();
        foreach (var (path, partMembers) in byFile.OrderBy(g => g.Key == typePath ? 0 : 1))
        {
            var part = new StringBuilder(parts.Count == 0 ? sb.ToString() : string.Empty);
            // The first part says what the type is; the others only which type they belong to (a type spread over
            // twenty files would otherwise repeat its modifiers and bases twenty times).
            AppendBody(part, parts.Count == 0
                    ? header.Replace(" class ", " partial class ").Replace(" struct ", " partial struct ").Replace(" interface ", " partial interface ")
                    : "partial " + Kind(type) + type.ToDisplayString(TypeNameFormat),
                partMembers, rest.FirstOrDefault(r => r.Path == path).Line);
            parts.Add((path, part.ToString()));
        }
        return parts;
    }

    // About what a part after the first costs besides the type's name: "partial class " and the braces.
    private const int PartHeaderChars = 24;

    // The share of a stub that names the members it leaves out (with NameTheRest) when not all of them fit.
    private const double RestShare = 0.3;

    /// <summary>
    /// The members to show and their lines, in declaration order: the most relevant first (constructors, then those
    /// whose names share words with the lines around the cursor) while they fit in <paramref name="maxMembers"/> and
    /// <paramref name="maxChars"/>. Only the chosen ones are rendered, which matters for types with hundreds of members.
    /// </summary>
    private static List<(ISymbol Member, string Lines)> ChooseMembers(List<ShownMember> members, int maxMembers, int maxChars, IReadOnlySet<string>? nearbyTerms,
        bool withSummaries = true)
    {
        var chosen = new List<(ISymbol Member, string Lines, int Index)>();
        int used = 0, misfits = 0;
        foreach (var (member, index) in members.Select((m, i) => (m, i)).OrderByDescending(x => Relevance(x.m, nearbyTerms)).ThenBy(x => x.i).Select(x => (x.m.Symbol, x.i)))
        {
            if (chosen.Count >= maxMembers || used >= maxChars || misfits > 8) break;
            var lines = MemberLineCache.GetOrRender(member, MemberLines);
            if (!withSummaries) lines = lines[(lines.LastIndexOf('\n', lines.Length - 2) + 1)..]; // the declaration line alone
            if (used + lines.Length > maxChars)
            {
                misfits++; // a shorter one may still fit
                continue;
            }
            chosen.Add((member, lines, index));
            used += lines.Length;
        }
        return chosen.OrderBy(c => c.Index).Select(c => (c.Member, c.Lines)).ToList();
    }

    /// <summary>A member's doc summary line (if any) and declaration line.</summary>
    private static string MemberLines(ISymbol member)
    {
        var lines = new StringBuilder();
        AppendSummary(lines, member, "    ", MemberSummaryChars);
        return lines.Append("    ").Append(Declaration(member)).Append('\n').ToString();
    }

    /// <summary>
    /// "// also: A, B(…), C" for the members not shown, one name per overload group (methods marked with "(…)"), as
    /// many as fit in <paramref name="maxChars"/>, those sharing words with <paramref name="nearbyTerms"/> first, one
    /// line per file that declares them (so that a partial type names each member where it is declared): for a
    /// receiver the next token is one of its member names, and a name costs a few characters where a declaration
    /// costs a line. Empty when everything is shown.
    /// </summary>
    private static IReadOnlyList<(string Path, string Line)> RestLines(List<ShownMember> shownMembers, List<(ISymbol Member, string Lines)> shown,
        int maxChars, string typePath, int partCost, IReadOnlySet<string>? nearbyTerms)
    {
        const string Lead = "    // also: ";
        var shownNames = shown.Select(m => m.Member.Name).ToHashSet(StringComparer.Ordinal);
        var withPart = shown.Select(m => PathOf(m.Member) ?? typePath).Append(typePath).ToHashSet(StringComparer.Ordinal);
        // Names declared where a part is shown anyway first: a file of their own costs that part's header too.
        var names = shownMembers.Where(m => m.Symbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } && !shownNames.Contains(m.Symbol.Name))
            .DistinctBy(m => m.Symbol.Name, StringComparer.Ordinal)
            .Select(m => (Path: PathOf(m.Symbol) ?? typePath, Name: m.Symbol is IMethodSymbol ? m.Symbol.Name + "(…)" : m.Symbol.Name, Relevance: Relevance(m, nearbyTerms)))
            .OrderByDescending(n => n.Relevance).ThenBy(n => withPart.Contains(n.Path) ? 0 : 1)
            .Select(n => (n.Path, n.Name));
        var lines = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        int used = 0;
        foreach (var (path, name) in names)
        {
            int cost = lines.ContainsKey(path) ? name.Length + 2 : Lead.Length + name.Length + 1 + (withPart.Contains(path) ? 0 : partCost);
            if (used + cost > maxChars) continue;
            if (!lines.TryGetValue(path, out var line)) lines[path] = line = new StringBuilder(Lead);
            else line.Append(", ");
            line.Append(name);
            used += cost;
        }
        return lines.Select(l => (l.Key, l.Value.Append('\n').ToString())).ToList();
    }

    private static void AppendBody(StringBuilder sb, string header, IEnumerable<(ISymbol Member, string Lines)> members, string? rest = null)
    {
        sb.Append(header).Append('\n').Append("{\n");
        foreach (var (_, lines) in members) sb.Append(lines);
        if (rest is not null) sb.Append(rest);
        sb.Append("}\n");
    }

    private static string? PathOf(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath;

    private static double Relevance(ShownMember member, IReadOnlySet<string>? nearby)
    {
        if (member.Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor }) return 2;
        if (nearby is null || nearby.Count == 0) return member.UseWeight;
        var terms = member.Words;
        return member.UseWeight + (terms.Count == 0 ? 0 : (double)terms.Count(nearby.Contains) / terms.Count);
    }

    /// <summary>A member a stub may show, with the words of its name (what relevance is judged by).</summary>
    /// <param name="UseWeight">Added to its relevance: how much the type's own code uses it (see <see cref="StubLimits.RankByUse"/>).</param>
    internal sealed record ShownMember(ISymbol Symbol, IReadOnlyList<string> Words, double UseWeight = 0);

    // The most that use adds to a member's relevance (which is at most 1 from shared words).
    private const double MaxUseWeight = 0.5;

    /// <summary>The members, each weighed by how often the files that declare the type use its name, relative to the most used.</summary>
    private static List<ShownMember> WeighByUse(INamedTypeSymbol type, List<ShownMember> members)
    {
        var trees = type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct().Select(NamesUsedIn).ToList();
        var uses = members.Select(m => trees.Sum(t => t.GetValueOrDefault(m.Symbol.Name))).ToList();
        int most = uses.Count == 0 ? 0 : uses.Max();
        if (most == 0) return members;
        return members.Select((m, i) => m with { UseWeight = MaxUseWeight * uses[i] / most }).ToList();
    }

    private static readonly ConditionalWeakTable<SyntaxTree, Dictionary<string, int>> NameUses = new();

    /// <summary>How many times each name is used (not declared) in a file, counted once per syntax tree.</summary>
    private static Dictionary<string, int> NamesUsedIn(SyntaxTree tree) => NameUses.GetValue(tree, t =>
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in t.GetRoot().DescendantTokens())
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is SimpleNameSyntax)
                counts[token.ValueText] = counts.GetValueOrDefault(token.ValueText) + 1;
        return counts;
    });

    // Per type symbol: the members a stub could show, and per symbol it is seen from, those accessible there. Stubs
    // are rendered from the type catalog's compilation, whose symbols outlive requests (TypeCatalog.Compilation),
    // so this is worked out once per type (and place) rather than for every member on every keystroke; entries go
    // with their compilation.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, ShowableMembers> ShownCache = new();

    private sealed class ShowableMembers(ShownMember[] candidates)
    {
        public ShownMember[] Candidates { get; } = candidates;
        public ConcurrentDictionary<ISymbol, ShownMember[]> ByPlace { get; } = new(SymbolEqualityComparer.Default);
    }

    internal static ShownMember[] ShownMembers(Compilation compilation, INamedTypeSymbol type, ISymbol within)
    {
        var showable = ShownCache.GetValue(type, t => new ShowableMembers(
            t.GetMembers().Where(Showable).Select(m => new ShownMember(m, IdentifierTerms.Words(m.Name))).ToArray()));
        return showable.ByPlace.GetOrAdd(within, w =>
        {
            // Roslyn's check per member looks through the compilation's references each time (for a type of another
            // project, a large share of a first stub's cost): public, internal and private members are decided once
            // per type and place, as Roslyn decides them; only protected ones are asked about one by one.
            bool typeAccessible = compilation.IsSymbolAccessibleWithin(type, w);
            if (!typeAccessible) return [];
            var fromAssembly = w as IAssemblySymbol ?? w.ContainingAssembly;
            bool internalsVisible = SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, fromAssembly)
                                    || fromAssembly is not null && type.ContainingAssembly.GivesAccessTo(fromAssembly);
            bool inside = Inside(w, type);
            return showable.Candidates.Where(m => m.Symbol.DeclaredAccessibility switch
            {
                Microsoft.CodeAnalysis.Accessibility.Public => true,
                Microsoft.CodeAnalysis.Accessibility.Internal => internalsVisible,
                Microsoft.CodeAnalysis.Accessibility.Private => inside,
                _ => compilation.IsSymbolAccessibleWithin(m.Symbol, w),
            }).ToArray();
        });
    }

    // Whether within is the type or inside it (a member of it, a nested type): where its private members are accessible.
    private static bool Inside(ISymbol within, INamedTypeSymbol type)
    {
        for (var s = within as INamedTypeSymbol ?? within.ContainingType; s is not null; s = s.ContainingType)
            if (SymbolEqualityComparer.Default.Equals(s.OriginalDefinition, type.OriginalDefinition)) return true;
        return false;
    }

    /// <summary>The nested types accessible from <paramref name="within"/>, when the limits ask to name them.</summary>
    private static List<ShownMember> NestedTypes(Compilation compilation, INamedTypeSymbol type, ISymbol within, StubLimits limits, Func<ISymbol, bool>? memberFilter) =>
        limits.NameNestedTypes
            ? type.GetTypeMembers().Where(t => !t.IsImplicitlyDeclared && compilation.IsSymbolAccessibleWithin(t, within) && (memberFilter is null || memberFilter(t)))
                .Select(t => new ShownMember(t, IdentifierTerms.Words(t.Name))).ToList()
            : [];

    /// <summary>A member a stub can show wherever it is accessible: declared, nameable, a method, property, field or event.</summary>
    private static bool Showable(ISymbol member)
    {
        if (member.IsImplicitlyDeclared || !member.CanBeReferencedByName && member is not IMethodSymbol { MethodKind: MethodKind.Constructor }) return false;
        if (member is IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.Constructor) }) return false;
        return member is not INamedTypeSymbol; // nested types get stubs of their own when they matter
    }

    /// <summary>The declaration line of a type: modifiers, kind, name with type parameters, bases.</summary>
    public static string Header(INamedTypeSymbol type)
    {
        var sb = new StringBuilder(Accessibility(type));
        if (type.IsStatic) sb.Append("static ");
        else if (type.IsAbstract && type.TypeKind == TypeKind.Class) sb.Append("abstract ");
        else if (type.IsSealed && type.TypeKind == TypeKind.Class) sb.Append("sealed ");
        if (type.IsReadOnly && type.TypeKind == TypeKind.Struct) sb.Append("readonly ");
        sb.Append(Kind(type));
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

    private static string Kind(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Interface => "interface ",
        TypeKind.Struct => type.IsRecord ? "record struct " : "struct ",
        TypeKind.Enum => "enum ",
        _ => type.IsRecord ? "record " : "class ",
    };

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
        var doc = DocComment(owner.GetLeadingTrivia());
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

    /// <summary>
    /// The last doc comment of a declaration's leading trivia, as XML syntax: as the tree holds it when it was parsed
    /// with documentation, else parsed here from the last run of its doc comment lines (the workspace parses without
    /// documentation, see <see cref="AdhocCompilation.ParseOptions"/>). A run ends at a blank line or any other trivia,
    /// as a documentation parse splits them. Null when the declaration has none.
    /// </summary>
    internal static DocumentationCommentTriviaSyntax? DocComment(SyntaxTriviaList leading)
    {
        DocumentationCommentTriviaSyntax? structured = null;
        var run = new StringBuilder();
        bool runEnded = false;
        int lineEnds = 0;
        foreach (var trivia in leading)
        {
            if (trivia.GetStructure() is DocumentationCommentTriviaSyntax doc)
            {
                (structured, runEnded) = (doc, true);
                continue;
            }
            var text = trivia.ToString();
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && text.StartsWith("///", StringComparison.Ordinal) && !text.StartsWith("////", StringComparison.Ordinal))
            {
                if (runEnded || lineEnds > 1) run.Clear();
                if (run.Length == 0) structured = null;
                run.Append(text).Append('\n');
                (runEnded, lineEnds) = (false, 0);
            }
            else if (trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) && text.StartsWith("/**", StringComparison.Ordinal) && !text.StartsWith("/**/", StringComparison.Ordinal))
            {
                structured = null;
                run.Clear().Append(text).Append('\n');
                runEnded = true;
            }
            else if (trivia.IsKind(SyntaxKind.EndOfLineTrivia)) lineEnds++;
            else if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia)) runEnded = true;
        }
        if (run.Length == 0) return structured;
        // (The default parse options parse documentation.)
        return SyntaxFactory.ParseLeadingTrivia(run.ToString())
            .Select(t => t.GetStructure()).OfType<DocumentationCommentTriviaSyntax>().LastOrDefault();
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
