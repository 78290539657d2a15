using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// A compilation of C# files without MSBuild: the files as given, plus .NET's reference assemblies (embedded,
/// so no SDK is needed at run time) and, when the workspace's projects ask for them, the SDK's implicit usings.
/// Used where MSBuild must not run (review of untrusted changes) or does not load.
/// </summary>
public static partial class AdhocCompilation
{
    // Doc comments as plain comments: parsed into XML trees they cost tens of MB on a large repository's compiled
    // projects and a third of the parse; the few summaries stubs show are parsed from the comment when rendered.
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Preview, DocumentationMode.None, SourceCodeKind.Regular);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true,
            concurrentBuild: false);

    /// <summary>The .NET 10 reference assemblies.</summary>
    public static IReadOnlyList<MetadataReference> FrameworkReferences => Basic.Reference.Assemblies.Net100.References.All;

    /// <summary>The path under which the implicit global usings are added to a compilation.</summary>
    public const string ImplicitUsingsPath = "<implicit-usings>.g.cs";

    // The Microsoft.NET.Sdk set (what <ImplicitUsings>enable</ImplicitUsings> adds to a console or library project).
    internal static readonly string[] SdkImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static SyntaxTree Parse(string path, string text, CancellationToken cancellationToken = default) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, path, cancellationToken);

    public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> trees, bool implicitUsings) =>
        CSharpCompilation.Create(assemblyName, implicitUsings ? trees.Append(ImplicitUsingsTree()) : trees,
            FrameworkReferences, CompilationOptions);

    /// <summary>The SDK's implicit global usings as a syntax tree.</summary>
    public static SyntaxTree ImplicitUsingsTree() => Parse(ImplicitUsingsPath, GlobalUsingsSource(SdkImplicitUsings));

    /// <summary>The source of a file of <c>global using</c> directives for <paramref name="namespaces"/>.</summary>
    public static string GlobalUsingsSource(IEnumerable<string> namespaces) =>
        string.Concat(namespaces.Select(u => $"global using global::{u};\n"));

    /// <summary>True when a project file turns implicit usings on (<c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c>).</summary>
    public static bool ProjectEnablesImplicitUsings(string projectFileText) => ImplicitUsingsOn().IsMatch(projectFileText);

    [GeneratedRegex(@"<ImplicitUsings>\s*(enable|true)\s*</ImplicitUsings>", RegexOptions.IgnoreCase)]
    private static partial Regex ImplicitUsingsOn();
}
