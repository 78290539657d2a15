using LlamaCode.Completion.Retrieval;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// Picks the repository types that matter at a cursor, from what the compiler knows there: the receiver of a
/// member access, the object being initialized, the expected type, the symbols the enclosing member uses, the
/// types in scope, the types the file names, and types nameable at the cursor that share words with nearby lines.
/// </summary>
internal sealed class CursorSymbols
{
    private readonly CursorModel _model;
    private readonly SyntaxNode _root;
    private readonly int _position;
    private readonly TypeCatalog _catalog;
    private readonly SymbolContextOptions _options;
    private readonly string _path;
    private readonly string _folder;
    private readonly Dictionary<INamedTypeSymbol, (SymbolReason Reason, double Rank)> _picked = new(SymbolEqualityComparer.Default);
    // Which members of a type are worth showing at this cursor (static ones after a type name, extension methods of the receiver).
    private readonly Dictionary<INamedTypeSymbol, Func<ISymbol, bool>> _memberFilters = new(SymbolEqualityComparer.Default);
    // Types whose member names may be what is typed next (the receiver's, the class being written, a using static
    // class's): their stubs name the members they cannot show.
    private readonly HashSet<INamedTypeSymbol> _namesNext = new(SymbolEqualityComparer.Default);
    // Of those, the types whose members are named bare here (the class being written, its bases, using static classes).
    private readonly HashSet<INamedTypeSymbol> _namedBare = new(SymbolEqualityComparer.Default);
    // Types whose nested types' names may come next (after the type's name, or bare in the class being written).
    private readonly HashSet<INamedTypeSymbol> _nestedNext = new(SymbolEqualityComparer.Default);
    private readonly int _cursorLine;
    // The namespaces whose types can be named unqualified at the cursor (worked out once per request, in Run).
    private IReadOnlySet<string> _imported = new HashSet<string>();
    // The identifier being typed at the cursor (empty when none).
    private Microsoft.CodeAnalysis.Text.TextSpan _typedWord;

    private CursorSymbols(string path, CursorModel model, SyntaxNode root, int position, TypeCatalog catalog, SymbolContextOptions options)
    {
        _model = model;
        _root = root;
        _position = position;
        _catalog = catalog;
        _options = options;
        _path = path;
        _folder = Folder(_path);
        _cursorLine = root.SyntaxTree.GetText().Lines.GetLineFromPosition(position).LineNumber;
    }

    /// <summary>
    /// The stubs for a cursor at <paramref name="position"/> of <paramref name="root"/>, the request's tree of the file
    /// at <paramref name="path"/> (the path its syntax trees carry), bound by <paramref name="model"/>.
    /// </summary>
    public static IReadOnlyList<TypeStub> Collect(string path, CursorModel model, SyntaxNode root, int position, TypeCatalog catalog,
        SymbolContextOptions options, int? maxChars, CancellationToken cancellationToken) =>
        new CursorSymbols(path, model, root, Math.Clamp(position, 0, root.FullSpan.End), catalog, options).Run(maxChars ?? int.MaxValue, cancellationToken);

    private IReadOnlyList<TypeStub> Run(int maxChars, CancellationToken ct)
    {
        var left = LeftToken(_root, _position);
        // A word being typed at the cursor is not context; what comes before it is. Nothing below reads it, so that
        // the types picked stay the same while it is typed (the prompt's context, and its KV cache, stay put).
        if (left.IsKind(SyntaxKind.IdentifierToken) && left.Span.End == _position)
        {
            _typedWord = left.Span;
            left = left.GetPreviousToken();
        }
        var enclosingType = _root.FindToken(_position).Parent?.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()
                            ?? left.Parent?.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
        var typeSymbol = enclosingType is null ? null : _model.GetDeclaredSymbol(enclosingType, ct) as INamedTypeSymbol;

        var imported = _imported = ImportedNamespaces(left);
        bool atExpressionStart = AtExpressionStart(left);
        AddReceiver(left, ct);
        AddInitialized(left, ct);
        AddExpected(left, ct);
        AddEnclosingMember(left, ct);
        if (typeSymbol is not null) AddEnclosingType(typeSymbol, atExpressionStart && InMemberBody(left));
        if (atExpressionStart) AddUsingStatic(ct);
        if (typeSymbol is not null) AddTestSubject(typeSymbol.Name, imported);
        if (typeSymbol is not null) AddOverriddenSignature(left, typeSymbol, ct);
        AddDeclaredBelow(left, imported, ct);
        var namesInFile = AddNamedInFile(imported, ct);
        AddBaseCandidates(left, imported, ct);
        AddNamedAtSameKey(left, imported, ct);
        AddNameable(imported, ct);
        AddCoUsed(imported, namesInFile, atExpressionStart, ct);
        if (atExpressionStart) AddStaticHelpers(imported, ct);
        if (AtTypePosition(left)) AddSameFolder(imported); // last: it only adds types nothing else picked

        // Stubs come from the catalog's compilation, whose symbols outlive this request (see TypeCatalog.Compilation).
        var within = (ISymbol?)(typeSymbol is null ? null : _catalog.InCatalogCompilation(typeSymbol)) ?? _catalog.Compilation.Assembly;
        var nearby = MemberRankingTerms(enclosingType);
        // Rendering is the costly part: stop once the stubs could fill the prompt's context budget.
        var stubs = new List<TypeStub>();
        long chars = 0;
        foreach (var (type, (reason, rank)) in _picked.OrderBy(p => p.Value.Rank).ThenBy(p => p.Key.Name, StringComparer.Ordinal).Take(_options.MaxTypes))
        {
            if (chars >= maxChars) break;
            int stubChars = (int)Math.Min(maxChars - chars, maxChars * BudgetShare(reason, rank));
            bool namesNext = reason is SymbolReason.Receiver or SymbolReason.Initialized || _namesNext.Contains(type);
            // Room to name its members, except up a base chain (a deep one would take the whole budget).
            if (namesNext && reason != SymbolReason.BaseType) stubChars = (int)Math.Min(maxChars - chars, Math.Max(stubChars, maxChars * NamesNextShare));
            // Members' doc summaries only where the next token is chosen among the members: elsewhere a summary line
            // costs as much as another declaration (or type), which says more about what can be named.
            var limits = new StubLimits(MemberCap(reason), stubChars, NameTheRest: namesNext,
                MemberSummaries: reason is SymbolReason.Receiver or SymbolReason.Initialized or SymbolReason.Extension,
                RankByUse: _namedBare.Contains(type), NameNestedTypes: _nestedNext.Contains(type));
            var filter = NotOnlyInThisFile(_memberFilters.GetValueOrDefault(type));
            var stable = _catalog.InCatalogCompilation(type) ?? type;
            foreach (var (path, text) in StubRenderer.RenderParts(_catalog.Compilation, stable, within, limits, nearby, filter))
            {
                if (path == _path) continue; // the part in the current file is in the prompt already
                stubs.Add(new TypeStub(path, type.ToDisplayString(), text, reason, rank));
                chars += text.Length;
            }
        }
        return stubs;
    }

    /// <summary>A member declared only in the current file is in the prompt already: its line in a stub is wasted.</summary>
    private Func<ISymbol, bool> NotOnlyInThisFile(Func<ISymbol, bool>? filter) =>
        m => (filter is null || filter(m)) && !m.Locations.All(l => l.SourceTree?.FilePath == _path);

    // The least share of the context budget for a type whose member names may come next.
    private const double NamesNextShare = 0.15;

    /// <summary>The last non-empty token that starts before <paramref name="position"/>.</summary>
    private static SyntaxToken LeftToken(SyntaxNode root, int position)
    {
        var token = root.FindToken(position);
        if (token.SpanStart >= position || token.Span.IsEmpty) token = token.GetPreviousToken();
        while (token.Span.IsEmpty && !token.IsKind(SyntaxKind.None)) token = token.GetPreviousToken();
        return token;
    }

    /// <summary>
    /// Members shown per type, by why it was picked: the receiver's members are what the next token is chosen
    /// from; a type merely named in the file needs its shape, not every member.
    /// </summary>
    private int MemberCap(SymbolReason reason) => Math.Max(1, reason switch
    {
        SymbolReason.Receiver or SymbolReason.Initialized or SymbolReason.Extension => _options.MaxMembersPerType,
        SymbolReason.ExpectedType or SymbolReason.EnclosingMember => _options.MaxMembersPerType * 2 / 3,
        SymbolReason.InScope or SymbolReason.BaseType => _options.MaxMembersPerType / 2,
        SymbolReason.File => _options.MaxMembersPerType * 2 / 5,
        _ => _options.MaxMembersPerType / 4,
    });

    /// <summary>
    /// The most of the context budget one type's stub may take: a type's declaration line tells the model that it
    /// exists and what it is, so several short stubs serve better than one long one, except for the receiver,
    /// whose members are what the next token is chosen from.
    /// </summary>
    private static double BudgetShare(SymbolReason reason, double rank) => reason switch
    {
        // The receiver's own type; its bases and interfaces (ranked after it) share less each, naming what they leave out.
        SymbolReason.Receiver when rank == 0 => 0.3,
        SymbolReason.Receiver => 0.12,
        SymbolReason.Initialized or SymbolReason.Extension => 0.3,
        SymbolReason.ExpectedType or SymbolReason.EnclosingMember => 0.11,
        SymbolReason.InScope or SymbolReason.BaseType => 0.09,
        SymbolReason.File => 0.07,
        _ => 0.06,
    };

    private void AddReceiver(SyntaxToken left, CancellationToken ct)
    {
        if (!left.IsKind(SyntaxKind.DotToken) && !left.IsKind(SyntaxKind.MinusGreaterThanToken)) return;
        ExpressionSyntax? receiver = left.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            QualifiedNameSyntax qualified => qualified.Left,
            MemberBindingExpressionSyntax binding => binding.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        if (receiver is null) return;
        var type = _model.GetTypeInfo(receiver, ct).Type;
        if (type is null or IErrorTypeSymbol) type = _model.GetSymbolInfo(receiver, ct).Symbol as INamedTypeSymbol ?? type;
        if (type is null) return;
        if (type is IErrorTypeSymbol)
        {
            // A type the compilation lacks (a package's, say WebApplicationBuilder): still, the repository's extension
            // methods for a type of that name, or named like the receiver (builder: IHostApplicationBuilder), apply.
            AddExtensionsFor(new HashSet<string>(StringComparer.Ordinal) { type.Name }, ReceiverWords(receiver));
            return;
        }
        // After a type name only static members can follow; after a value only instance members (and extensions).
        bool isStatic = _model.GetSymbolInfo(receiver, ct).Symbol is ITypeSymbol;
        Func<ISymbol, bool> accessible = isStatic ? m => m.IsStatic || m is INamedTypeSymbol : m => !m.IsStatic;
        // Its type arguments (the Person of IRuleBuilder<Person, string>) matter less than its extension methods.
        Add(type, SymbolReason.Receiver, 0, argumentRank: 0.45);
        if (type is INamedTypeSymbol named) _memberFilters[named.OriginalDefinition] = accessible;
        // After a type name, its nested types can follow too (RelayCommandGenerator.Execute).
        if (isStatic && type is INamedTypeSymbol container) _nestedNext.Add(container.OriginalDefinition);
        double rank = 0.05;
        foreach (var b in Bases(type))
        {
            Add(b, SymbolReason.Receiver, rank += 0.05);
            _memberFilters[b.OriginalDefinition] = accessible;
            if (isStatic) _nestedNext.Add(b.OriginalDefinition);
        }
        if (isStatic) return;
        foreach (var i in type.AllInterfaces) Add(i, SymbolReason.Receiver, 0.4);

        // Extension methods of the repository that extend the receiver's type (or one of its bases) by name.
        var names = new HashSet<string>(StringComparer.Ordinal) { TypeCatalog.ExtendedName(type) };
        foreach (var b in Bases(type)) names.Add(b.OriginalDefinition.Name);
        foreach (var i in type.AllInterfaces) names.Add(i.OriginalDefinition.Name);
        AddExtensionsFor(names, type.Locations.Any(l => l.IsInSource) ? [] : ReceiverWords(receiver), TypeCatalog.ExtendedName(type));
    }

    /// <summary>
    /// The repository's static classes of extension methods for a type of one of <paramref name="names"/> (showing only
    /// those), or, when none is and <paramref name="receiverWords"/> is given (a framework or unbound receiver), for
    /// types whose names end with a word of the receiver's name. Those of a namespace that the file imports by a
    /// using directive come before the receiver's interfaces: such a using is often there for them.
    /// </summary>
    private void AddExtensionsFor(HashSet<string> names, IReadOnlyList<string> receiverWords, string? exactName = null)
    {
        var holders = _catalog.Extensions.Where(e => e.ExtendedTypeNames.Overlaps(names)).ToList();
        if (holders.Count == 0 && receiverWords.Count > 0)
        {
            foreach (var e in _catalog.Extensions)
                foreach (var extended in e.ExtendedTypeNames)
                    if (IdentifierTerms.Words(extended) is { Count: > 0 } words && receiverWords.Contains(words[^1])) names.Add(extended);
            holders = _catalog.Extensions.Where(e => e.ExtendedTypeNames.Overlaps(names)).ToList();
        }
        var usings = ExplicitUsings();
        foreach (var extensions in holders)
        {
            if (TypeCatalog.Resolve(_model.Compilation, extensions.AssemblyName, extensions.MetadataName) is not { } holder) continue;
            var ns = holder.ContainingNamespace.IsGlobalNamespace ? string.Empty : holder.ContainingNamespace.ToDisplayString();
            bool imported = usings.Any(u => ns == u || ns.EndsWith("." + u, StringComparison.Ordinal));
            // Those for the receiver's own type before those for its bases and interfaces (IRuleBuilderOptions' before IRuleBuilder's).
            bool exact = exactName is not null && extensions.ExtendedTypeNames.Contains(exactName);
            Add(holder, SymbolReason.Extension, (imported ? 0.3 : 0.5) - (exact ? 0.15 : 0));
            _namesNext.Add(holder.OriginalDefinition);
            _memberFilters[holder] = m => m is IMethodSymbol { IsExtensionMethod: true, Parameters: [var first, ..] } && names.Contains(TypeCatalog.ExtendedName(first.Type));
        }
    }

    /// <summary>The words of the receiver's last name (builder, services → service), to match extended types by.</summary>
    private static IReadOnlyList<string> ReceiverWords(ExpressionSyntax receiver)
    {
        var last = receiver switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
            _ => string.Empty,
        };
        var words = IdentifierTerms.Words(last);
        return words.Concat(words.Where(w => w.Length > 3 && w.EndsWith('s')).Select(w => w[..^1])).ToList();
    }

    /// <summary>The namespaces the file's using directives name (as written, so possibly relative to its namespace).</summary>
    private IReadOnlyList<string> ExplicitUsings() =>
        _root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name is not null)
            .Select(u => u.Name!.ToString().Replace("global::", string.Empty)).ToList();

    private void AddInitialized(SyntaxToken left, CancellationToken ct)
    {
        if (!left.IsKind(SyntaxKind.OpenBraceToken) && !left.IsKind(SyntaxKind.CommaToken)) return;
        if (left.Parent is not InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation } initializer
            || _model.GetTypeInfo(creation, ct).Type is not INamedTypeSymbol type) return;
        // What can follow is a member not yet set here, declared by the type or one of its bases (options classes
        // derive from a generic base that declares them all).
        var assigned = initializer.Expressions.OfType<AssignmentExpressionSyntax>().Select(a => a.Left).OfType<IdentifierNameSyntax>()
            .Select(n => n.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        Func<ISymbol, bool> settable = m => !m.IsStatic && m is IPropertySymbol or IFieldSymbol { IsConst: false } && !assigned.Contains(m.Name);
        Add(type, SymbolReason.Initialized, 0.05);
        _memberFilters[type.OriginalDefinition] = settable;
        double rank = 0.05;
        foreach (var b in Bases(type))
        {
            Add(b, SymbolReason.Initialized, rank += 0.01);
            _memberFilters[b.OriginalDefinition] = settable;
        }
    }

    private void AddExpected(SyntaxToken left, CancellationToken ct)
    {
        // "new" takes the type expected where the new expression stands.
        if (left.IsKind(SyntaxKind.NewKeyword)) left = left.GetPreviousToken();
        if (left.IsKind(SyntaxKind.ThrowKeyword)) AddThrowable();
        int order = 0;
        foreach (var expected in ExpectedTypes(left, ct).OfType<INamedTypeSymbol>().Take(MaxExpectedTypes))
            AddExpected(expected, 0.1 + 0.01 * order++);
    }

    // An argument of an overloaded method has one expected type per overload; the first few are kept.
    private const int MaxExpectedTypes = 3;

    private void AddExpected(INamedTypeSymbol named, double rank)
    {
        Add(named, SymbolReason.ExpectedType, rank);
        if (!IsRepoType(named)) return;
        AddMakers(named, rank + 0.06);
        // An interface or a class that may be derived from (AddJValue(new JRaw(…)) where a JValue is expected).
        if (!(named.TypeKind == TypeKind.Interface || named.TypeKind == TypeKind.Class && !named.IsSealed && !named.IsStatic)) return;
        // Implementations from the catalog (by base and interface names, then checked), not a solution-wide search.
        var implementations = _catalog.Types
            .Where(t => !t.IsAbstract && t.BaseNames.Contains(named.Name))
            .Select(t => TypeCatalog.Resolve(_model.Compilation, t.AssemblyName, t.MetadataName))
            .OfType<INamedTypeSymbol>()
            .Where(t => t.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, named.OriginalDefinition)) ||
                        Bases(t).Any(b => SymbolEqualityComparer.Default.Equals(b.OriginalDefinition, named.OriginalDefinition)));
        // Those whose names share words with the names around the cursor first (EmptyValidator in the method Empty),
        // one declared beside the file counting as one more such word (a converter next to the class it converts).
        var terms = RankingTermsAroundCursor;
        foreach (var implementation in implementations
                     .Select(t => (Type: t, Words: IdentifierTerms.Words(t.Name)))
                     .OrderByDescending(t => t.Words.Count(terms.Contains) + (DeclaredBeside(t.Type) ? 1 : 0))
                     .ThenBy(t => t.Words.Count).ThenBy(t => t.Type.Name, StringComparer.Ordinal)
                     .Select(t => t.Type).Take(_options.MaxImplementations))
            Add(implementation, SymbolReason.ExpectedType, rank + 0.05);
    }

    /// <summary>
    /// After <c>throw</c> or <c>throw new</c>: the repository's exceptions in scope (an exception is what is expected,
    /// and the framework's need no stub), those named like the code around the cursor first.
    /// </summary>
    private void AddThrowable()
    {
        int order = 0;
        foreach (var type in SharingMostWords(_catalog.Types
                         .Where(t => !t.IsAbstract && !t.IsStatic && t.Name.EndsWith("Exception", StringComparison.Ordinal) && _imported.Contains(t.Namespace)),
                         RankingTermsAroundCursor)
                     .Take(_options.MaxImplementations)
                     .Select(t => TypeCatalog.Resolve(_model.Compilation, t.AssemblyName, t.MetadataName)).OfType<INamedTypeSymbol>())
            Add(type, SymbolReason.ExpectedType, 0.15 + 0.01 * order++);
    }

    /// <summary>
    /// The builders and factories of an expected type: types named after it with more words (ResiliencePipelineBuilder
    /// for ResiliencePipeline, OrderFactory for IOrder) that have a member returning it, since
    /// <c>ResiliencePipeline pipeline = new ResiliencePipelineBuilder()…Build()</c> is how such a value is made.
    /// </summary>
    private void AddMakers(INamedTypeSymbol made, double rank)
    {
        var stem = made.TypeKind == TypeKind.Interface && made.Name.Length > 2 && made.Name[0] == 'I' && char.IsUpper(made.Name[1]) ? made.Name[1..] : made.Name;
        var makers = _catalog.Types
            .Where(t => t.Name.Length > stem.Length && t.Name.StartsWith(stem, StringComparison.Ordinal) && char.IsUpper(t.Name[stem.Length])
                        && _imported.Contains(t.Namespace) && !t.MetadataName.Contains('+'))
            .OrderBy(t => t.Name.Length).ThenBy(t => t.MetadataName, StringComparer.Ordinal)
            .Take(MaxMakersChecked)
            .Select(t => TypeCatalog.Resolve(_model.Compilation, t.AssemblyName, t.MetadataName)).OfType<INamedTypeSymbol>()
            .Where(t => t.GetMembers().Any(m => Returns(m, made)))
            .Take(2);
        foreach (var maker in makers) Add(maker, SymbolReason.ExpectedType, rank);
    }

    private const int MaxMakersChecked = 20;

    private static bool Returns(ISymbol member, INamedTypeSymbol type)
    {
        var returned = member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Ordinary } m => m.ReturnType,
            IPropertySymbol p => p.Type,
            _ => null,
        };
        return returned is INamedTypeSymbol named && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, type.OriginalDefinition)
            || named.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, type.OriginalDefinition)));
    }

    private bool DeclaredBeside(INamedTypeSymbol type) =>
        type.Locations.Any(l => l.SourceTree?.FilePath is { } path && Folder(path) == _folder);

    private static IEnumerable<INamedTypeSymbol> Bases(ITypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType) yield return b;
    }

    /// <summary>The types expected where an expression starts after <paramref name="left"/>: one, or at an argument of an
    /// overloaded method (unbound while the call is being written), the parameter's type in each candidate, in order.</summary>
    private IEnumerable<ITypeSymbol> ExpectedTypes(SyntaxToken left, CancellationToken ct)
    {
        switch (left.Kind())
        {
            case SyntaxKind.EqualsToken when left.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }:
                return declaration.Type.IsVar ? [] : One(_model.GetTypeInfo(declaration.Type, ct).Type);
            case SyntaxKind.EqualsToken when left.Parent is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return One(_model.GetTypeInfo(property.Type, ct).Type);
            case SyntaxKind.EqualsToken when left.Parent is AssignmentExpressionSyntax assignment:
                return One(_model.GetTypeInfo(assignment.Left, ct).Type);
            case SyntaxKind.QuestionQuestionToken when left.Parent is BinaryExpressionSyntax coalesce:
            {
                // value ?? |: what the left side is, not null.
                var leftType = _model.GetTypeInfo(coalesce.Left, ct).Type;
                return One(leftType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : leftType);
            }
            case SyntaxKind.ReturnKeyword:
            {
                var member = left.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax);
                var returnType = member is null ? null : _model.GetDeclaredSymbol(member, ct) switch
                {
                    IMethodSymbol m => m.ReturnType,
                    IPropertySymbol p => p.Type,
                    _ => null,
                };
                // async Task<T> returns T.
                return One(returnType is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask" } task ? task.TypeArguments[0] : returnType);
            }
            case SyntaxKind.OpenParenToken or SyntaxKind.CommaToken when left.Parent is ArgumentListSyntax arguments:
            {
                int index = arguments.Arguments.GetSeparators().Count(s => s.SpanStart < _position);
                var info = _model.GetSymbolInfo(arguments.Parent!, ct);
                var methods = (info.Symbol is null ? info.CandidateSymbols : [info.Symbol]).OfType<IMethodSymbol>();
                return methods.Select(m => index < m.Parameters.Length ? m.Parameters[index].Type : m.Parameters.LastOrDefault() is { IsParams: true } p ? p.Type : null)
                    .Select(t => t is IArrayTypeSymbol array ? array.ElementType : t) // a params array takes its elements
                    .Where(t => t is INamedTypeSymbol n && IsRepoType(n)).OfType<ITypeSymbol>()
                    .Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();
            }
            case SyntaxKind.OpenBraceToken or SyntaxKind.CommaToken when left.Parent is InitializerExpressionSyntax initializer
                                                                        && !initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                // new IPolicy[] { new APolicy(), new |, new List<JsonConverter> { new |: an element of the collection.
                return One(ElementType(_model.GetTypeInfo(initializer.Parent!, ct).Type));
            case SyntaxKind.OpenBracketToken or SyntaxKind.CommaToken when left.Parent is CollectionExpressionSyntax collection:
                return One(ElementType(_model.GetTypeInfo(collection, ct).ConvertedType));
            case SyntaxKind.OpenParenToken or SyntaxKind.CommaToken when left.Parent is AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } arguments:
            {
                // [JsonObject(|: the parameter's type in each constructor of the attribute (named arguments come last, uncounted).
                int index = arguments.Arguments.GetSeparators().Count(s => s.SpanStart < _position);
                return AttributeType(attribute) is { } type
                    ? type.InstanceConstructors.Where(c => index < c.Parameters.Length).Select(c => c.Parameters[index].Type)
                        .Where(t => t is INamedTypeSymbol n && IsRepoType(n)).Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList()
                    : [];
            }
            case SyntaxKind.EqualsToken when left.Parent is NameEqualsSyntax { Parent: AttributeArgumentSyntax { Parent.Parent: AttributeSyntax attribute } } named:
                // [JsonProperty(Required = |: the type of the attribute's property of that name.
                return One(AttributeType(attribute)?.GetMembers(named.Name.Identifier.ValueText).Select(m => m switch
                {
                    IPropertySymbol p => p.Type,
                    IFieldSymbol f => f.Type,
                    _ => null,
                }).FirstOrDefault(t => t is not null));
            case SyntaxKind.OpenParenToken when left.Parent is TypeOfExpressionSyntax typeOf && typeOf.FirstAncestorOrSelf<AttributeSyntax>() is { } attribute
                                                 && AttributeType(attribute)?.Name is { Length: > 9 } attributeName && attributeName.EndsWith("Attribute", StringComparison.Ordinal):
                // [JsonConverter(typeof(|: by convention a type that derives from the attribute's namesake (JsonConverter).
                return One(ResolveByName(attributeName[..^9], _imported));
            default:
                return [];
        }
    }

    /// <summary>
    /// The repository's attribute class that <paramref name="attribute"/> names, looked up in the catalog by name
    /// (JsonObject: JsonObjectAttribute) rather than bound: binding an attribute binds its arguments too, tens of
    /// milliseconds in a large project, and only the repository's attributes can expect its types.
    /// </summary>
    private INamedTypeSymbol? AttributeType(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax n => n.Identifier.ValueText,
            _ => null,
        };
        return string.IsNullOrEmpty(name) ? null : ResolveByName(name + "Attribute", _imported) ?? ResolveByName(name, _imported);
    }

    private static IEnumerable<ITypeSymbol> One(ITypeSymbol? type) => type is null ? [] : [type];

    /// <summary>The element type of an array or of a collection (its IEnumerable&lt;T&gt;), else null.</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol? collection) => collection switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol named => named.AllInterfaces.Prepend(named)
            .FirstOrDefault(i => i is { Name: "IEnumerable", IsGenericType: true, ContainingNamespace.Name: "Generic" })?.TypeArguments[0],
        _ => null,
    };

    private void AddEnclosingMember(SyntaxToken left, CancellationToken ct)
    {
        var member = _root.FindToken(_position).Parent?.AncestorsAndSelf()
            .FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax)
            ?? left.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax);
        if (member is null) return;
        if (_model.GetDeclaredSymbol(member, ct) is { } declared)
        {
            foreach (var type in SignatureTypes(declared)) Add(type, SymbolReason.InScope, 1.0);
        }
        // Binding is the cost: only the names of the lines around the cursor, however long the member is.
        var window = LinesAround(EnclosingMemberLines);
        foreach (var name in member.DescendantNodes(window).OfType<SimpleNameSyntax>().Where(n => window.Contains(n.Span) && n.Identifier.Span != _typedWord))
        {
            ct.ThrowIfCancellationRequested();
            var info = _model.GetSymbolInfo(name, ct);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null)
            {
                if (name.SpanStart > _position && IsUndeclaredLocal(name)) _undeclaredBelow.Add(name.Identifier.ValueText);
                continue;
            }
            double rank = 1.0 + Distance(name.SpanStart) / 1000.0;
            foreach (var type in TypesOf(symbol)) Add(type, SymbolReason.EnclosingMember, rank);
        }
    }

    // Lower-case names that the lines below the cursor use and nothing declares (closest first): at the start of a
    // statement, likely the local being declared there (serializer.Serialize(…) below JsonSerializer serializer = …).
    private readonly List<string> _undeclaredBelow = [];

    private static bool IsUndeclaredLocal(SimpleNameSyntax name) =>
        name is IdentifierNameSyntax && name.Identifier.ValueText is { Length: > 1 } text && char.IsLower(text[0])
        && !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name);

    /// <summary>
    /// Where a declaration's type is written (a statement, a member of a type, a parameter), the name being declared
    /// comes after it, so the code that uses that name finds it declared nowhere: for each of the first such names
    /// (the closest first), the types in scope whose names end with its words (lineInfo: IJsonLineInfo; _formatter:
    /// ITextFormatter; eventBus in a primary constructor: IEventBus), the closest match first.
    /// </summary>
    private void AddDeclaredBelow(SyntaxToken left, IReadOnlySet<string> imported, CancellationToken ct)
    {
        IEnumerable<string> names;
        if (left.Kind() is SyntaxKind.SemicolonToken or SyntaxKind.OpenBraceToken or SyntaxKind.CloseBraceToken
            && left.Parent?.FirstAncestorOrSelf<BlockSyntax>() is not null)
            names = _undeclaredBelow; // bound with the enclosing member's names
        else if (DeclarationScope(left) is { } scope)
            names = UndeclaredNamesIn(scope, ct);
        else
            return;
        int order = 0;
        foreach (var local in names.Distinct(StringComparer.Ordinal).Take(MaxUndeclaredNames))
        {
            var words = IdentifierTerms.Words(local);
            if (words.Count == 0) continue;
            // The members the code below uses on it (attribute.ReferenceLoopHandling) tell which of the types named
            // like it is meant (JsonPropertyAttribute among forty attributes); then the shortest name.
            var used = MembersUsedOn(local);
            var candidates = _catalog.Types
                .Where(t => t.Terms.Contains(words[^1]) && imported.Contains(t.Namespace) && !t.MetadataName.Contains('+')
                            && EndsWithWords(IdentifierTerms.Words(t.Name), words))
                .OrderBy(t => t.Name.Length).ThenBy(t => t.MetadataName, StringComparer.Ordinal)
                .Take(used.Count == 0 ? 2 : MaxTypesCheckedForMembers)
                .Select(t => TypeCatalog.Resolve(_model.Compilation, t.AssemblyName, t.MetadataName)).OfType<INamedTypeSymbol>()
                .Select((t, i) => (Type: t, Has: used.Count(m => HasMember(t, m)), Index: i))
                .OrderByDescending(c => c.Has).ThenBy(c => c.Index).Take(2);
            foreach (var (type, _, _) in candidates)
                Add(type, SymbolReason.ExpectedType, 0.25 + 0.01 * order++);
        }
    }

    // Of the types named like an undeclared local, how many are checked for the members used on it.
    private const int MaxTypesCheckedForMembers = 40;

    /// <summary>The names of the members accessed on <paramref name="local"/> (local.Name) in the lines around the cursor.</summary>
    private HashSet<string> MembersUsedOn(string local) =>
        _root.DescendantNodes(LinesAround(EnclosingMemberLines)).OfType<MemberAccessExpressionSyntax>()
            .Where(a => a.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == local)
            .Select(a => a.Name.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);

    private static bool HasMember(INamedTypeSymbol type, string name)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
            if (!t.GetMembers(name).IsEmpty) return true;
        return type.AllInterfaces.Any(i => !i.GetMembers(name).IsEmpty);
    }

    /// <summary>
    /// Where the name declared after the cursor would be used, when the cursor is where a member's type starts (after
    /// a type's '{', a member, an attribute or a modifier: the type) or a parameter's (the method, or for a primary
    /// constructor the type); else null.
    /// </summary>
    private static SyntaxNode? DeclarationScope(SyntaxToken left)
    {
        var parent = left.Parent;
        switch (left.Kind())
        {
            case SyntaxKind.OpenParenToken or SyntaxKind.CommaToken when parent is ParameterListSyntax list:
                return list.Parent;
            case SyntaxKind.ThisKeyword or SyntaxKind.RefKeyword or SyntaxKind.InKeyword or SyntaxKind.OutKeyword or SyntaxKind.ParamsKeyword
                when parent is ParameterSyntax { Parent: ParameterListSyntax list }:
                return list.Parent;
            case SyntaxKind.OpenBraceToken when parent is TypeDeclarationSyntax typeBody:
                return typeBody;
            case SyntaxKind.CloseBracketToken when parent is AttributeListSyntax { Parent: MemberDeclarationSyntax { Parent: TypeDeclarationSyntax attributed } }:
                return attributed;
            case SyntaxKind.SemicolonToken or SyntaxKind.CloseBraceToken:
                var member = parent?.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
                return member is { Parent: TypeDeclarationSyntax owner } && member.GetLastToken() == left ? owner : null;
            default:
                return SyntaxFacts.IsAccessibilityModifier(left.Kind()) || left.Kind() is SyntaxKind.StaticKeyword or SyntaxKind.ReadOnlyKeyword
                           or SyntaxKind.ConstKeyword or SyntaxKind.VolatileKeyword or SyntaxKind.RequiredKeyword
                       ? parent is MemberDeclarationSyntax { Parent: TypeDeclarationSyntax modified } ? modified : null
                       : null;
        }
    }

    /// <summary>
    /// Lower-case or '_'-prefixed names that <paramref name="scope"/> uses after the cursor and does not declare (then
    /// before it), and that nothing in scope at the cursor declares (a base class's field), closest first.
    /// </summary>
    private List<string> UndeclaredNamesIn(SyntaxNode scope, CancellationToken ct)
    {
        // Within the lines around the cursor: a type may be thousands of lines long.
        var window = LinesAround(UndeclaredNamesLines);
        var declared = DeclaredNames(scope, window);
        var found = new List<string>();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var names = scope.DescendantNodes(window).OfType<IdentifierNameSyntax>().Where(n => n.Identifier.Span != _typedWord).ToList();
        // Below the cursor in order, then above it from the closest.
        foreach (var name in names.Where(n => n.SpanStart > _position).Concat(names.Where(n => n.SpanStart < _position).Reverse()))
        {
            var text = name.Identifier.ValueText;
            if (text.Length < 2 || !(char.IsLower(text[0]) || text[0] == '_') || declared.Contains(text)) continue;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Expression is not ThisExpressionSyntax) continue;
            // Called names are methods (nameof too), and a setter's value is declared by the language.
            if (name.Parent is InvocationExpressionSyntax call && call.Expression == name || text is "value" or "var" or "dynamic" or "args") continue;
            if (!tried.Add(text)) continue;
            if (tried.Count > MaxUndeclaredNames * 6) break;
            ct.ThrowIfCancellationRequested();
            // Looked up at the cursor rather than bound where used: binding a name binds the whole member around it.
            if (_model.LookupSymbols(_position, text).IsEmpty) found.Add(text);
            if (found.Count == MaxUndeclaredNames) break;
        }
        return found;
    }

    private const int UndeclaredNamesLines = 400;

    // The names that a piece of code declares itself: its locals, parameters, members, pattern and loop variables.
    private static HashSet<string> DeclaredNames(SyntaxNode scope, Microsoft.CodeAnalysis.Text.TextSpan window)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in scope.DescendantNodesAndSelf(window))
        {
            var identifier = node switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                ParameterSyntax p => p.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                PropertyDeclarationSyntax p => p.Identifier,
                MethodDeclarationSyntax m => m.Identifier,
                LocalFunctionStatementSyntax l => l.Identifier,
                EventDeclarationSyntax e => e.Identifier,
                _ => default,
            };
            if (!identifier.IsKind(SyntaxKind.None)) names.Add(identifier.ValueText);
        }
        return names;
    }

    private const int MaxUndeclaredNames = 2;

    private static bool EndsWithWords(List<string> name, List<string> suffix)
    {
        if (name.Count < suffix.Count) return false;
        for (int i = 1; i <= suffix.Count; i++)
            if (name[^i] != suffix[^i]) return false;
        return true;
    }

    private void NamedBareNext(INamedTypeSymbol type)
    {
        _namesNext.Add(type.OriginalDefinition);
        _namedBare.Add(type.OriginalDefinition);
        _nestedNext.Add(type.OriginalDefinition);
    }

    private void AddEnclosingType(INamedTypeSymbol type, bool bareNameNext)
    {
        // Its other parts (a partial class spread over files) and every base up the chain: their members are used
        // bare in the class's code (Pool, Name, a guard's private helpers), and only their stubs say what they are.
        Add(type, SymbolReason.BaseType, 1.45);
        if (bareNameNext) NamedBareNext(type);
        double rank = 1.5;
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            Add(baseType, SymbolReason.BaseType, rank += 0.01);
            if (bareNameNext) NamedBareNext(baseType);
        }
        foreach (var i in type.Interfaces) Add(i, SymbolReason.BaseType, 1.6);
        foreach (var member in type.GetMembers())
        {
            ITypeSymbol? memberType = member switch
            {
                IFieldSymbol { IsImplicitlyDeclared: false } f => f.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            if (memberType is not null) Add(memberType, SymbolReason.InScope, 1.6);
        }
    }

    /// <summary>
    /// The classes the file imports with <c>using static</c>: at the start of an expression their members are named
    /// bare (descriptors, guards, constants), so their stubs name the members they cannot show.
    /// </summary>
    private void AddUsingStatic(CancellationToken ct)
    {
        foreach (var directive in _root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (directive.StaticKeyword.IsKind(SyntaxKind.None) || directive.Name is null) continue;
            if (_model.GetSymbolInfo(directive.Name, ct).Symbol is not INamedTypeSymbol type || !IsRepoType(type)) continue;
            Add(type, SymbolReason.InScope, 1.2);
            _namesNext.Add(type.OriginalDefinition);
        }
    }

    /// <summary>Inside a member's body or initializer, where a bare name can be one of the enclosing type's members.</summary>
    private static bool InMemberBody(SyntaxToken left) =>
        left.Parent?.AncestorsAndSelf().Any(n => n is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or ConstructorInitializerSyntax) == true;

    /// <summary>
    /// In a test class named after what it tests (MatchingTests, JsonReaderTest, OrderServiceSpecs), that type: the
    /// test's code is about it, and its first mention in the file is where the model needs it most.
    /// </summary>
    private void AddTestSubject(string testClassName, IReadOnlySet<string> imported)
    {
        foreach (var suffix in TestClassSuffixes)
            if (testClassName.Length > suffix.Length && testClassName.EndsWith(suffix, StringComparison.Ordinal))
            {
                AddByName(testClassName[..^suffix.Length], imported, SymbolReason.InScope, 1.05);
                return;
            }
    }

    private static readonly string[] TestClassSuffixes = ["Tests", "Test", "Specs", "Spec", "Fixture", "Facts", "Benchmarks", "Benchmark"];

    /// <summary>
    /// In the header of an override (<c>public override void WriteJson(JsonWriter writer, |</c>), the types of the
    /// overridden member's signature: the header repeats them, and the member being declared does not bind yet.
    /// </summary>
    private void AddOverriddenSignature(SyntaxToken left, INamedTypeSymbol type, CancellationToken ct)
    {
        var member = left.Parent?.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        var (name, body) = member switch
        {
            MethodDeclarationSyntax m => (m.Identifier.ValueText, (SyntaxNode?)m.Body ?? m.ExpressionBody),
            PropertyDeclarationSyntax p => (p.Identifier.ValueText, (SyntaxNode?)p.AccessorList ?? p.ExpressionBody),
            _ => (null, null),
        };
        if (name is null || !member!.Modifiers.Any(SyntaxKind.OverrideKeyword) || body is not null && body.SpanStart < _position) return;
        ct.ThrowIfCancellationRequested();
        foreach (var baseType in Bases(type))
            foreach (var overridden in baseType.GetMembers(name).Where(m => m.IsVirtual || m.IsAbstract || m.IsOverride))
                foreach (var signatureType in SignatureTypes(overridden)) Add(signatureType, SymbolReason.ExpectedType, 0.2);
    }

    /// <summary>
    /// Where a type is named in a declaration: after a member's modifiers, in a parameter list, a type argument list
    /// or a base list. What the model may name there is often a type declared beside the current file.
    /// </summary>
    private static bool AtTypePosition(SyntaxToken left) =>
        left.IsKind(SyntaxKind.NewKeyword) && left.Parent is ExpressionSyntax
        || (SyntaxFacts.IsAccessibilityModifier(left.Kind()) || left.Kind() is SyntaxKind.StaticKeyword or SyntaxKind.ReadOnlyKeyword
            or SyntaxKind.VirtualKeyword or SyntaxKind.OverrideKeyword or SyntaxKind.AbstractKeyword or SyntaxKind.ConstKeyword
            or SyntaxKind.AsyncKeyword or SyntaxKind.RequiredKeyword or SyntaxKind.SealedKeyword
            ? left.Parent is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax
            : left.Kind() is SyntaxKind.OpenParenToken or SyntaxKind.CommaToken or SyntaxKind.ThisKeyword or SyntaxKind.ParamsKeyword
                or SyntaxKind.LessThanToken or SyntaxKind.ColonToken
              && left.Parent is ParameterListSyntax or ParameterSyntax or TypeArgumentListSyntax or BaseListSyntax);

    /// <summary>
    /// At a type position, the types declared in the current file's folder that the file does not name yet, those
    /// sharing words with the names around the cursor first (Country beside AddressDetails, FallbackStrategyOptions in
    /// Fallback/, the interfaces a validator's folder declares).
    /// </summary>
    private void AddSameFolder(IReadOnlySet<string> imported)
    {
        int order = 0;
        foreach (var entry in SharingMostWords(_catalog.Types
                         .Where(t => Folder(t.Path) == _folder && t.Path != _path && !t.MetadataName.Contains('+') && imported.Contains(t.Namespace)),
                     RankingTermsAroundCursor)
                     .Take(MaxSameFolderTypes))
            if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is { } type && !_picked.ContainsKey(type.OriginalDefinition))
            {
                // Its declaration line says that it exists and what it is; its members would crowd out better-founded stubs.
                Add(type, SymbolReason.Nameable, 1.95 + 0.005 * order++);
                _memberFilters[type.OriginalDefinition] = _ => false;
            }
    }

    private const int MaxSameFolderTypes = 6;

    /// <summary>Repository types the file names (by identifier, no binding): cheap, and the largest source of stable context.</summary>
    /// <returns>The catalog type names the file spells near the cursor (what co-usage compares files by).</returns>
    private IReadOnlyList<string> AddNamedInFile(IReadOnlySet<string> imported, CancellationToken ct)
    {
        var nearest = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in _root.DescendantTokens(LinesAround(NamedInFileLines)))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText.Length == 0 || !char.IsUpper(token.ValueText[0]) || token.Span == _typedWord) continue;
            int distance = Distance(token.SpanStart);
            if (!nearest.TryGetValue(token.ValueText, out var d) || distance < d) nearest[token.ValueText] = distance;
        }
        var typeNames = new List<string>();
        foreach (var (name, distance) in nearest)
        {
            ct.ThrowIfCancellationRequested();
            var matches = _catalog.ByName[name].ToList();
            if (matches.Count == 0) continue;
            typeNames.Add(name);
            var inScope = matches.Where(t => imported.Contains(t.Namespace)).ToList();
            foreach (var entry in (inScope.Count > 0 ? inScope : matches).Take(2))
                if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is { } type)
                    Add(type, SymbolReason.File, distance <= NearLines ? 1.3 + distance / 1000.0 : 2.0 + distance / 10000.0);
        }
        return typeNames;
    }

    /// <summary>
    /// In a base list (<c>class WagePerson : |</c>), the likely bases, best first: a type whose name starts or ends
    /// the declared name by whole words (JsonReader for JsonReaderStub, AsyncPolicy for AsyncPolicyWrap, Person for
    /// WagePerson); what the declared type's siblings (same namespace, or the same last word) derive from most
    /// (a test fixture base, a marker interface); then types that share the name's last word.
    /// </summary>
    private void AddBaseCandidates(SyntaxToken left, IReadOnlySet<string> imported, CancellationToken ct)
    {
        if (!(left.IsKind(SyntaxKind.ColonToken) || left.IsKind(SyntaxKind.CommaToken)) || left.Parent is not BaseListSyntax { Parent: BaseTypeDeclarationSyntax declaration }
            || declaration is EnumDeclarationSyntax) // an enum's base is an integral type
            return;
        var name = declaration.Identifier.ValueText;
        var words = IdentifierTerms.Words(name);
        if (words.Count == 0) return;
        var last = words[^1];
        var ns = _model.GetDeclaredSymbol(declaration, ct)?.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        // Interfaces and structs derive from interfaces only.
        bool interfacesOnly = declaration is InterfaceDeclarationSyntax or StructDeclarationSyntax
            || declaration is RecordDeclarationSyntax record && record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword);
        var candidates = new List<(CatalogType Type, double Rank)>();

        foreach (var t in _catalog.Types)
            if (t.Name != name && imported.Contains(t.Namespace) && EndsOrStartsByWords(name, t.Name))
                candidates.Add((t, 0.12));

        var siblingBases = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in _catalog.Types)
            if (t.Name != name && (t.Namespace == ns || t.Terms.Contains(last)))
                foreach (var b in t.BaseNames) siblingBases[b] = siblingBases.GetValueOrDefault(b) + 1;
        int order = 0;
        foreach (var (baseName, _) in siblingBases.Where(b => b.Value >= 2 && b.Key != name).OrderByDescending(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal))
        {
            if (order >= _options.MaxBaseCandidates) break;
            var matches = _catalog.ByName[baseName].ToList();
            if (matches.FirstOrDefault(t => imported.Contains(t.Namespace)) is not { } entry) continue;
            candidates.Add((entry, 0.14 + 0.005 * order++));
        }

        var wordSet = words.ToHashSet(StringComparer.Ordinal);
        candidates.AddRange(_catalog.Types
            .Where(t => t.Name != name && imported.Contains(t.Namespace) && t.Terms.Contains(last))
            .Select(t => (Type: t, Shared: t.Terms.Count(wordSet.Contains), Extra: t.Terms.Count(x => !wordSet.Contains(x))))
            .OrderByDescending(c => c.Shared).ThenBy(c => c.Extra)
            .ThenBy(c => Folder(c.Type.Path) == _folder ? 0 : 1) // a base declared beside the file before one far away
            .ThenBy(c => c.Type.MetadataName, StringComparer.Ordinal)
            .Take(_options.MaxBaseCandidates)
            .Select(c => (c.Type, 0.2 + c.Extra * 0.01 - c.Shared * 0.001)));

        // Types that share a run of words with the declared name, beside the file first (MultiIndexSuper: MultiIndexBase).
        candidates.AddRange(_catalog.Types
            .Where(t => t.Name != name && imported.Contains(t.Namespace) && t.Terms.Count(wordSet.Contains) >= 2)
            .Select(t => (Type: t, Run: LongestCommonRun(words, IdentifierTerms.Words(t.Name))))
            .Where(c => c.Run >= 2)
            .OrderByDescending(c => c.Run).ThenBy(c => Folder(c.Type.Path) == _folder ? 0 : 1).ThenBy(c => c.Type.Name.Length)
            .ThenBy(c => c.Type.MetadataName, StringComparer.Ordinal)
            .Take(2)
            .Select(c => (c.Type, 0.21)));

        foreach (var (entry, rank) in candidates)
            if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is { } type
                && (type.TypeKind == TypeKind.Interface || !interfacesOnly && type.TypeKind == TypeKind.Class && !type.IsSealed && !type.IsStatic))
                Add(type, SymbolReason.ExpectedType, rank);
    }

    /// <summary>The length of the longest run of consecutive words that both names have.</summary>
    private static int LongestCommonRun(List<string> a, List<string> b)
    {
        int best = 0;
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++)
            {
                int k = 0;
                while (i + k < a.Count && j + k < b.Count && a[i + k] == b[j + k]) k++;
                best = Math.Max(best, k);
            }
        return best;
    }

    /// <summary>True when <paramref name="part"/> begins or ends <paramref name="name"/> at a word boundary (JsonReader in JsonReaderStub).</summary>
    private static bool EndsOrStartsByWords(string name, string part) =>
        part.Length > 0 && name.Length > part.Length && char.IsUpper(part[0]) &&
        (name.StartsWith(part, StringComparison.Ordinal) && char.IsUpper(name[part.Length]) || name.EndsWith(part, StringComparison.Ordinal));

    /// <summary>Types not named in the file yet but nameable at the cursor, ranked by the words they share with nearby lines.</summary>
    private void AddNameable(IReadOnlySet<string> imported, CancellationToken ct)
    {
        var nearby = NearbyTerms();
        if (nearby.Count == 0) return;
        var scored = new List<(CatalogType Type, int Shared, double Share)>();
        foreach (var type in _catalog.Types)
        {
            if (type.MetadataName.Contains('+') || !imported.Contains(type.Namespace) || type.Terms.Count == 0) continue;
            int shared = type.Terms.Count(nearby.Contains);
            if (shared > 0) scored.Add((type, shared, (double)shared / type.Terms.Count));
        }
        ct.ThrowIfCancellationRequested();
        int added = 0;
        foreach (var (entry, _, share) in scored.OrderByDescending(s => s.Shared).ThenByDescending(s => s.Share).ThenBy(s => s.Type.Name.Length).ThenBy(s => s.Type.MetadataName, StringComparer.Ordinal))
        {
            if (added >= _options.MaxNameableTypes) break;
            if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is not { } type || _picked.ContainsKey(type)) continue;
            // Every word of the name is nearby (two or more words): as telling as a name in the file, so ranked with those.
            Add(type, SymbolReason.Nameable, share >= 1 && entry.Terms.Count >= 2 ? 1.9 : 3.0 + (1 - share));
            added++;
        }
    }

    /// <summary>Types that the project's files most like this one name, and this one does not yet (see <see cref="CoUsedTypes"/>).</summary>
    private void AddCoUsed(IReadOnlySet<string> imported, IReadOnlyList<string> namesInFile, bool atExpressionStart, CancellationToken ct)
    {
        if (_options.MaxCoUsedTypes <= 0) return;
        var suggestions = CoUsedTypes.Suggest(_model.Compilation.SyntaxTrees, _path, namesInFile,
            tree => _catalog.TypeNamesIn(tree, ct), _options.CoUsageNeighbours, ct);
        if (suggestions.Count == 0) return;
        double top = suggestions[0].Votes;
        int added = 0;
        foreach (var (name, votes) in suggestions)
        {
            if (added >= _options.MaxCoUsedTypes) break;
            var matches = _catalog.ByName[name].ToList();
            var entry = matches.FirstOrDefault(t => imported.Contains(t.Namespace)) ?? matches[0];
            if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is not { } type) continue;
            // At the start of an expression a static helper or constants class (Guard., SelfLog., XyzConstants.) is
            // what the neighbours' votes most often mean: ranked with the types the file names.
            double rank = atExpressionStart && entry.IsStatic ? 1.8 + 0.1 * (1 - votes / top) : 2.5 + 0.4 * (1 - votes / top);
            Add(type, SymbolReason.CoUsed, rank); // keeps a better rank it already has
            added++;
        }
    }

    /// <summary>
    /// After <c>var x = new</c>, <c>Method(new</c>, <c>Method(typeof(</c> or <c>Method&lt;</c>: the types that the other
    /// files of the project name at places with the same key (see <see cref="NamingSites"/>), most often first, and
    /// the types whose names end like those this file names there (ValidatorBehavior after LoggingBehavior).
    /// </summary>
    private void AddNamedAtSameKey(SyntaxToken left, IReadOnlySet<string> imported, CancellationToken ct)
    {
        var keys = NamingSites.KeysAt(left).ToHashSet(StringComparer.Ordinal);
        // Where a member of a class is declared: what other files set its members to (new Holder { Id = new ConvertibleId() }).
        if (DeclarationScope(left) is TypeDeclarationSyntax owner && left.Parent is not ParameterListSyntax and not ParameterSyntax)
            keys.Add(NamingSites.MemberOf(owner.Identifier.ValueText));
        if (keys.Count == 0) return;
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var tree in _model.Compilation.SyntaxTrees)
        {
            ct.ThrowIfCancellationRequested();
            if (tree.FilePath == _path || tree.FilePath == AdhocCompilation.ImplicitUsingsPath) continue;
            double weight = Folder(tree.FilePath) == _folder ? 1.5 : 1;
            var sites = NamingSites.Of(tree, ct);
            foreach (var key in keys)
                foreach (var typeName in sites[key])
                    if (_catalog.ByName.Contains(typeName))
                        votes[typeName] = votes.GetValueOrDefault(typeName) + weight;
        }
        var namedHere = NamingSites.In(_root, LinesAround(EnclosingMemberLines)).Where(s => keys.Contains(s.Key)).Select(s => s.TypeName).ToHashSet(StringComparer.Ordinal);
        // After new, typeof( or Method< a type is certain to come; after '=' or at an argument only maybe (a type's static
        // member): there only the types named there at least twice, and fewer.
        bool typeComes = !(left.IsKind(SyntaxKind.EqualsToken) || left.Parent is ArgumentListSyntax);
        int most = typeComes ? _options.MaxImplementations : MaxStaticNamedAtSameKey;
        int order = 0;
        // What this file names at the same key nearby (var validator = new InlineValidator<Address>() in the next
        // test) is the likeliest of all, however far from the cursor.
        foreach (var name in namedHere.Where(_catalog.ByName.Contains).Order(StringComparer.Ordinal).Take(most))
            AddByName(name, imported, SymbolReason.ExpectedType, 0.19);
        foreach (var (name, _) in votes.Where(v => !namedHere.Contains(v.Key) && (typeComes || v.Value >= 2))
                     .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(typeComes ? most + 2 : most))
            AddByName(name, imported, SymbolReason.ExpectedType, 0.2 + 0.01 * order++);
        if (!typeComes) return;
        var lastWords = namedHere.Select(n => IdentifierTerms.Words(n) is { Count: > 0 } w ? w[^1] : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (lastWords.Count == 0) return;
        // Of those, the ones whose other words are around the cursor first (EmptyValidator in the method Empty).
        var terms = new HashSet<string>(RankingTermsAroundCursor, StringComparer.Ordinal);
        terms.ExceptWith(lastWords);
        foreach (var entry in SharingMostWords(_catalog.Types
                         .Where(t => !namedHere.Contains(t.Name) && imported.Contains(t.Namespace) && !t.MetadataName.Contains('+') && t.Terms.Count > 1
                                     && IdentifierTerms.Words(t.Name) is { Count: > 0 } w && lastWords.Contains(w[^1])),
                         terms)
                     .Take(_options.MaxImplementations + 1))
            if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is { } type)
                Add(type, SymbolReason.ExpectedType, 0.3 + 0.01 * order++);
    }

    private const int MaxStaticNamedAtSameKey = 2;

    /// <summary>
    /// At the start of an expression: the static helper and constants classes in scope that the project's files use
    /// most (Guard, a Utils class), those whose name shares words with the type and member around the cursor first
    /// (FallbackEngine in FallbackPolicy), whether or not the file names them further away. Only their names need to
    /// be in the prompt for the model to call them.
    /// </summary>
    private void AddStaticHelpers(IReadOnlySet<string> imported, CancellationToken ct)
    {
        var use = _catalog.StaticHolderUse(ct);
        if (use.Count == 0) return;
        var terms = RankingTermsAroundCursor;
        int order = 0;
        foreach (var entry in _catalog.Types
                     .Where(t => t.IsStatic && !t.MetadataName.Contains('+') && imported.Contains(t.Namespace) && use.ContainsKey(t.Name))
                     .Select(t => (Type: t, Score: Math.Log(1 + use[t.Name]) + 2.0 * t.Terms.Count(terms.Contains)))
                     .OrderByDescending(c => c.Score).ThenBy(c => c.Type.MetadataName, StringComparer.Ordinal)
                     .Take(MaxStaticHelpers).Select(c => c.Type))
            if (TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName) is { } type)
            {
                Add(type, SymbolReason.CoUsed, 1.85 + 0.01 * order++);
                _memberFilters.TryAdd(type, m => m.IsStatic);
            }
    }

    private const int MaxStaticHelpers = 3;

    private void AddByName(string name, IReadOnlySet<string> imported, SymbolReason reason, double rank)
    {
        if (ResolveByName(name, imported) is { } type) Add(type, reason, rank);
    }

    /// <summary>The catalog type of that simple name, one in an imported namespace first.</summary>
    private INamedTypeSymbol? ResolveByName(string name, IReadOnlySet<string> imported)
    {
        var matches = _catalog.ByName[name].ToList();
        var entry = matches.FirstOrDefault(t => imported.Contains(t.Namespace)) ?? matches.FirstOrDefault();
        return entry is null ? null : TypeCatalog.Resolve(_model.Compilation, entry.AssemblyName, entry.MetadataName);
    }

    private BaseTypeDeclarationSyntax? EnclosingTypeDeclaration() =>
        _root.FindToken(_position).Parent?.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();

    private static string Folder(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];

    /// <summary>Where an expression can start (a statement, an argument, the right of '=' or '=>'), not after '.', 'new' or in a type.</summary>
    private static bool AtExpressionStart(SyntaxToken left) => left.Kind() is SyntaxKind.SemicolonToken or SyntaxKind.OpenBraceToken
        or SyntaxKind.CloseBraceToken or SyntaxKind.OpenParenToken or SyntaxKind.CommaToken or SyntaxKind.EqualsToken
        or SyntaxKind.EqualsGreaterThanToken or SyntaxKind.ReturnKeyword or SyntaxKind.ExclamationToken or SyntaxKind.AmpersandAmpersandToken
        or SyntaxKind.BarBarToken or SyntaxKind.QuestionToken or SyntaxKind.ColonToken or SyntaxKind.PlusToken or SyntaxKind.EqualsEqualsToken
        or SyntaxKind.ExclamationEqualsToken or SyntaxKind.OpenBracketToken or SyntaxKind.ThrowKeyword or SyntaxKind.AwaitKeyword
        && left.Parent is not (BaseListSyntax or TypeArgumentListSyntax or TypeParameterListSyntax);

    private HashSet<string>? _nearbyTerms;

    /// <summary>Words of the lines just above the cursor and of the cursor's line.</summary>
    private HashSet<string> NearbyTerms()
    {
        if (_nearbyTerms is not null) return _nearbyTerms;
        var text = _root.SyntaxTree.GetText();
        int firstLine = Math.Max(0, _cursorLine - 8);
        int start = text.Lines[firstLine].Start;
        int end = text.Lines[Math.Min(text.Lines.Count - 1, _cursorLine + 1)].End;
        var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end);
        var words = _typedWord.IsEmpty || !span.Contains(_typedWord)
            ? text.ToString(span)
            : text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, _typedWord.Start)) + " " + text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(_typedWord.End, end));
        return _nearbyTerms = IdentifierTerms.WordsOf(words);
    }

    /// <summary>
    /// What a stub's members are ranked by: the nearby words and the words of the names of the type and member around
    /// the cursor (an analyzer named after its diagnostic uses that diagnostic's descriptor, a guard's IsNotEmpty
    /// throws with the helper named after it), even when those names are far above the cursor.
    /// </summary>
    private IReadOnlySet<string> MemberRankingTerms(BaseTypeDeclarationSyntax? enclosingType)
    {
        var terms = new HashSet<string>(NearbyTerms(), StringComparer.Ordinal);
        if (enclosingType is not null) terms.UnionWith(IdentifierTerms.Words(enclosingType.Identifier.ValueText));
        var member = _root.FindToken(_position).Parent?.AncestorsAndSelf().FirstOrDefault(n => n is MethodDeclarationSyntax or PropertyDeclarationSyntax);
        var name = member switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            _ => null,
        };
        if (name is not null) terms.UnionWith(IdentifierTerms.Words(name));
        return terms;
    }

    private IReadOnlySet<string>? _rankingTermsAroundCursor;

    /// <summary>The <see cref="MemberRankingTerms"/> of the type declaration at the cursor, worked out once per request.</summary>
    private IReadOnlySet<string> RankingTermsAroundCursor => _rankingTermsAroundCursor ??= MemberRankingTerms(EnclosingTypeDeclaration());

    /// <summary>Catalog types, those sharing the most words with <paramref name="terms"/> first, then the shorter names.</summary>
    private static IEnumerable<CatalogType> SharingMostWords(IEnumerable<CatalogType> types, IReadOnlySet<string> terms) =>
        types.OrderByDescending(t => t.Terms.Count(terms.Contains)).ThenBy(t => t.Name.Length).ThenBy(t => t.MetadataName, StringComparer.Ordinal);

    /// <summary>Namespaces whose types can be named without qualification at the cursor.</summary>
    private IReadOnlySet<string> ImportedNamespaces(SyntaxToken left)
    {
        var set = new HashSet<string>(_catalog.GlobalUsings, StringComparer.Ordinal) { string.Empty };
        foreach (var u in _root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (u.Alias is not null || u.Name is null) continue;
            var name = u.Name.ToString().Replace("global::", string.Empty);
            set.Add(name);
            // Inside a namespace, "using Resources;" may name a namespace relative to it (FluentValidation.Resources).
            if (!u.Name.ToString().StartsWith("global::", StringComparison.Ordinal))
                foreach (var ns in u.Ancestors().OfType<BaseNamespaceDeclarationSyntax>())
                    for (var outer = ns.Name.ToString(); outer.Length > 0; outer = outer.Contains('.') ? outer[..outer.LastIndexOf('.')] : string.Empty)
                        set.Add(outer + "." + name);
        }
        var at = _root.FindToken(_position).Parent ?? left.Parent;
        foreach (var ns in at?.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>() ?? [])
            AddWithParents(set, ns.Name.ToString());
        if (_root is CompilationUnitSyntax unit)
            foreach (var ns in unit.Members.OfType<FileScopedNamespaceDeclarationSyntax>()) AddWithParents(set, ns.Name.ToString());
        return set;
    }

    private static void AddWithParents(HashSet<string> set, string ns)
    {
        for (var name = ns; name.Length > 0; name = name.Contains('.') ? name[..name.LastIndexOf('.')] : string.Empty) set.Add(name);
    }

    private static IEnumerable<ITypeSymbol> SignatureTypes(ISymbol symbol) => symbol switch
    {
        IMethodSymbol m => m.Parameters.Select(p => p.Type).Append(m.ReturnType),
        IPropertySymbol p => p.Parameters.Select(x => x.Type).Append(p.Type),
        IFieldSymbol f => [f.Type],
        IEventSymbol e => [e.Type],
        _ => [],
    };

    private static IEnumerable<ITypeSymbol> TypesOf(ISymbol symbol) => symbol switch
    {
        ITypeSymbol t => [t],
        IMethodSymbol m => new[] { m.ContainingType, m.ReturnType }.Concat(m.ReducedFrom is { } r ? [r.ContainingType] : Array.Empty<ITypeSymbol>()),
        IPropertySymbol p => [p.ContainingType, p.Type],
        IFieldSymbol f => [f.ContainingType, f.Type],
        IEventSymbol e => [e.ContainingType, e.Type],
        ILocalSymbol l => [l.Type],
        IParameterSymbol p => [p.Type],
        _ => [],
    };

    /// <param name="argumentRank">The rank of the types inside <paramref name="type"/> (type arguments, array elements), when not its own.</param>
    private void Add(ITypeSymbol? type, SymbolReason reason, double rank, double? argumentRank = null)
    {
        foreach (var (named, inside) in Unwrap(type, 0))
        {
            if (!IsRepoType(named)) continue;
            var key = named.OriginalDefinition;
            double r = inside ? argumentRank ?? rank : rank;
            if (!_picked.TryGetValue(key, out var existing) || r < existing.Rank) _picked[key] = (reason, r);
        }
    }

    /// <summary>A named type and the named types inside it (Inside): array elements, nullable values, type arguments.</summary>
    private static IEnumerable<(INamedTypeSymbol Type, bool Inside)> Unwrap(ITypeSymbol? type, int depth)
    {
        if (type is null || depth > 3) yield break;
        if (type is IArrayTypeSymbol array)
        {
            foreach (var (t, _) in Unwrap(array.ElementType, depth + 1)) yield return (t, true);
            yield break;
        }
        if (type is not INamedTypeSymbol named || named is IErrorTypeSymbol) yield break;
        yield return (named, depth > 0);
        foreach (var argument in named.TypeArguments)
            foreach (var (t, _) in Unwrap(argument, depth + 1)) yield return (t, true);
    }

    /// <summary>Declared in the repository's source, and not only in the current file (the prompt already shows that).</summary>
    private bool IsRepoType(INamedTypeSymbol type) =>
        type.Locations.Any(l => l.IsInSource && l.SourceTree!.FilePath != _path && l.SourceTree.FilePath != AdhocCompilation.ImplicitUsingsPath);

    // How far from the cursor names are read: a member's names are bound (costly, so few lines); the file's are
    // only looked up by name, but a 10,000-line file still takes tens of milliseconds to walk.
    private const int EnclosingMemberLines = 80;
    private const int NamedInFileLines = 1500;
    // A type the file names within this many lines of the cursor (above or below it) is as likely at the cursor as the
    // types the enclosing member binds: ranked with those, before the far ones, bases and helpers.
    private const int NearLines = 12;

    /// <summary>The span of the lines from <paramref name="lines"/> above the cursor's line to as many below it.</summary>
    private Microsoft.CodeAnalysis.Text.TextSpan LinesAround(int lines)
    {
        var text = _root.SyntaxTree.GetText();
        int first = Math.Max(0, _cursorLine - lines), last = Math.Min(text.Lines.Count - 1, _cursorLine + lines);
        return Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(text.Lines[first].Start, text.Lines[last].EndIncludingLineBreak);
    }

    private int Distance(int position) =>
        Math.Abs(_root.SyntaxTree.GetText().Lines.GetLineFromPosition(position).LineNumber - _cursorLine);
}
