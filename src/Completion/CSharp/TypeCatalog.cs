using LlamaCode.Completion.Retrieval;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.CSharp;

/// <summary>A repository type that could be named from a project: where it lives and the words of its name.</summary>
public sealed record CatalogType(string MetadataName, string Name, string Namespace, string AssemblyName, string Path,
    IReadOnlySet<string> Terms, bool IsPublic, IReadOnlySet<string> BaseNames, bool IsAbstract, bool IsStatic = false);

/// <summary>A static class of the repository that holds extension methods, and the simple names of the types they extend.</summary>
public sealed record CatalogExtensions(string MetadataName, string AssemblyName, IReadOnlySet<string> ExtendedTypeNames, string Path);

/// <summary>
/// The repository types visible from one project (its own and those of the projects it references), by name,
/// with its global usings. Built from declarations only (no method body is bound), and cached per project until
/// a top-level declaration of it or of its references changes.
/// </summary>
public sealed class TypeCatalog
{
    private TypeCatalog(Compilation compilation, IReadOnlyList<CatalogType> types, IReadOnlyList<CatalogExtensions> extensions, IReadOnlySet<string> globalUsings)
    {
        Compilation = compilation;
        Types = types;
        Extensions = extensions;
        GlobalUsings = globalUsings;
        ByName = types.ToLookup(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// The compilation the catalog was built from. Its declarations are those of the request's compilation (a change
    /// to any of them builds a new catalog), and its symbols live as long as the catalog, across keystrokes, with
    /// their members already bound: stubs are rendered from it.
    /// </summary>
    public Compilation Compilation { get; }

    public IReadOnlyList<CatalogType> Types { get; }
    public ILookup<string, CatalogType> ByName { get; }
    public IReadOnlyList<CatalogExtensions> Extensions { get; }
    public IReadOnlySet<string> GlobalUsings { get; }

    public static async Task<TypeCatalog> BuildAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"project {project.Name} has no compilation");
        var types = new List<CatalogType>();
        var extensions = new List<CatalogExtensions>();
        var projectAssemblies = project.Solution.Projects.Select(p => p.AssemblyName).ToHashSet(StringComparer.Ordinal);
        var assemblies = new List<IAssemblySymbol> { compilation.Assembly };
        assemblies.AddRange(compilation.SourceModule.ReferencedAssemblySymbols.Where(a => projectAssemblies.Contains(a.Name)));
        foreach (var assembly in assemblies)
        {
            bool all = SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) || assembly.GivesAccessTo(compilation.Assembly);
            var declared = DeclaredIn(assembly, cancellationToken);
            types.AddRange(all ? declared.Types : declared.Types.Where(t => t.IsPublic));
            extensions.AddRange(declared.Extensions.Where(e => all || e.IsPublic).Select(e => e.Extensions));
        }
        var globalUsings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = (CompilationUnitSyntax)await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            foreach (var u in root.Usings)
                if (!u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name is { } name)
                    globalUsings.Add(name.ToString().Replace("global::", string.Empty));
        }
        return new TypeCatalog(compilation, types, extensions, globalUsings);
    }

    /// <summary>The repository types one assembly declares, listed once however many projects reference it.</summary>
    private sealed record AssemblyTypes(IReadOnlyList<CatalogType> Types, IReadOnlyList<(CatalogExtensions Extensions, bool IsPublic)> Extensions);

    // A referenced project's assembly symbol is shared by every compilation that references the same compilation of
    // it: its types are listed once, and their entries shared by the catalogs of all those projects.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IAssemblySymbol, AssemblyTypes> TypesByAssembly = new();

    private static AssemblyTypes DeclaredIn(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        if (TypesByAssembly.TryGetValue(assembly, out var listed)) return listed;
        var types = new List<CatalogType>();
        var extensions = new List<(CatalogExtensions, bool)>();
        foreach (var type in AllTypes(assembly.GlobalNamespace))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = type.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath;
            if (path is null || path == AdhocCompilation.ImplicitUsingsPath) continue;
            var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            bool isPublic = type.DeclaredAccessibility == Accessibility.Public;
            types.Add(new CatalogType(MetadataNameOf(type), type.Name, ns, assembly.Name, path,
                IdentifierTerms.Words(type.Name).ToHashSet(StringComparer.Ordinal), isPublic,
                BaseNames(type), type.IsAbstract || type.TypeKind == TypeKind.Interface, IsStaticHolder(type)));
            if (type.IsStatic && type.MightContainExtensionMethods)
            {
                var extended = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsExtensionMethod && m.Parameters.Length > 0)
                    .Select(m => ExtendedName(m.Parameters[0].Type)).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
                if (extended.Count > 0) extensions.Add((new CatalogExtensions(MetadataNameOf(type), assembly.Name, extended, path), isPublic));
            }
        }
        return TypesByAssembly.GetValue(assembly, _ => new AssemblyTypes(types, extensions));
    }

    // Per syntax tree of the project: the catalog's type names it spells (see CoUsedTypes), computed once per tree version.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, string[]> _typeNamesByTree = new();

    /// <summary>The names of catalog types that <paramref name="tree"/> spells.</summary>
    public IReadOnlyCollection<string> TypeNamesIn(SyntaxTree tree, CancellationToken cancellationToken) =>
        _typeNamesByTree.GetValue(tree, t => CoUsedTypes.NamesOf(t, cancellationToken).Where(ByName.Contains).ToArray());

    private IReadOnlyDictionary<string, int>? _staticHolderUse;

    /// <summary>
    /// Per static helper or constants class of the catalog (see <see cref="CatalogType.IsStatic"/>): how many files of
    /// the project spell its name. Counted once per catalog, from the names each file spells.
    /// </summary>
    public IReadOnlyDictionary<string, int> StaticHolderUse(CancellationToken cancellationToken)
    {
        if (_staticHolderUse is { } known) return known;
        var holders = Types.Where(t => t.IsStatic).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tree in Compilation.SyntaxTrees)
            foreach (var name in TypeNamesIn(tree, cancellationToken))
                if (holders.Contains(name)) counts[name] = counts.GetValueOrDefault(name) + 1;
        return _staticHolderUse = counts;
    }

    private IReadOnlyDictionary<string, SyntaxTree>? _treesByPath;

    /// <summary>The catalog compilation's tree of the file at <paramref name="path"/> (as its trees carry it), if it has one.</summary>
    public SyntaxTree? TreeAt(string path)
    {
        _treesByPath ??= Compilation.SyntaxTrees.GroupBy(t => t.FilePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _treesByPath.GetValueOrDefault(path);
    }

    /// <summary>The same type in the catalog's <see cref="Compilation"/> (null when it has no such type, e.g. one just typed).</summary>
    public INamedTypeSymbol? InCatalogCompilation(INamedTypeSymbol type) =>
        type.ContainingAssembly is { } assembly ? Resolve(Compilation, assembly.Name, MetadataNameOf(type.OriginalDefinition)) : null;

    /// <summary>Finds a catalog type in <paramref name="compilation"/> (the project's current compilation).</summary>
    public static INamedTypeSymbol? Resolve(Compilation compilation, string assemblyName, string metadataName)
    {
        if (compilation.Assembly.Name == assemblyName) return compilation.Assembly.GetTypeByMetadataName(metadataName);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            if (assembly.Name == assemblyName) return assembly.GetTypeByMetadataName(metadataName);
        return null;
    }

    /// <summary>A static class, or a class of constants and static members only (used by its name, never instantiated).</summary>
    private static bool IsStaticHolder(INamedTypeSymbol type) =>
        type.IsStatic || type.TypeKind == TypeKind.Class && type.GetMembers() is { Length: > 0 } members
            && members.All(m => m.IsStatic || m.IsImplicitlyDeclared || m is IMethodSymbol { MethodKind: MethodKind.Constructor, DeclaredAccessibility: Accessibility.Private or Accessibility.Protected })
            && members.Any(m => m.IsStatic && !m.IsImplicitlyDeclared);

    /// <summary>The name by which extension methods are matched to a receiver: the type's simple name, "[]" for any array.</summary>
    public static string ExtendedName(ITypeSymbol type) => type is IArrayTypeSymbol ? "[]" : type.OriginalDefinition.Name;

    /// <summary>Simple names of every base type and interface (to find implementations without a solution-wide search).</summary>
    private static IReadOnlySet<string> BaseNames(INamedTypeSymbol type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType) names.Add(b.Name);
        foreach (var i in type.AllInterfaces) names.Add(i.Name);
        return names;
    }

    private static string MetadataNameOf(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        return type.ContainingNamespace.IsGlobalNamespace ? name : type.ContainingNamespace.ToDisplayString() + "." + name;
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
                foreach (var t in AllTypes(child)) yield return t;
            else if (member is INamedTypeSymbol type)
                foreach (var t in WithNested(type)) yield return t;
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers())
            foreach (var t in WithNested(nested)) yield return t;
    }
}
