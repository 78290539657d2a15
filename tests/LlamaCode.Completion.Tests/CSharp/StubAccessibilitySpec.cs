using LlamaCode.Completion.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// A stub shows exactly the members that the compiler deems accessible where the cursor is: for every type and every
/// place of two assemblies (one that the first lets see its internals, one that it does not), the members
/// `StubRenderer` picks are those `Compilation.IsSymbolAccessibleWithin` accepts.
/// </summary>
public sealed class StubAccessibilitySpec
{
    private const string Library = """
        [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Friend")]
        namespace Lib;
        public class Shape
        {
            public int Area;
            internal int Cache;
            private int _secret;
            protected int Sides;
            protected internal int Tag;
            private protected int Version;
            public Shape() { }
            private Shape(int hidden) { }
            public void Draw() { }
            internal void Invalidate() { }
            private void Recompute() { }
            protected void OnChanged() { }
            public class Corner { private int _angle; public int Angle => _angle; internal int Index; void Touch(Shape s) { } }
            private class Secret { public int Key; }
        }
        internal class Registry { public int Count; internal int Slots; private int _lock; }
        public class Square : Shape { private int _side; public int Side => _side; }
        public class Elsewhere { public void Use() { } }
        """;

    private const string Client = """
        namespace App;
        public class Circle : Lib.Shape { public void Paint() { } }
        public class Viewer { public void Show() { } }
        """;

    [Theory]
    [InlineData("Friend")]
    [InlineData("Stranger")]
    public void A_stub_shows_the_members_the_compiler_deems_accessible(string clientName)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        var library = CSharpCompilation.Create("Lib", [CSharpSyntaxTree.ParseText(Library)], AdhocCompilation.FrameworkReferences, options);
        var client = CSharpCompilation.Create(clientName, [CSharpSyntaxTree.ParseText(Client)], [.. AdhocCompilation.FrameworkReferences, library.ToMetadataReference()], options);
        Assert.Empty(library.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var libraryTypes = new[] { "Lib.Shape", "Lib.Shape+Corner", "Lib.Shape+Secret", "Lib.Registry", "Lib.Square", "Lib.Elsewhere" };
        foreach (var compilation in new Compilation[] { library, client })
        {
            var types = libraryTypes.Select(n => compilation.GetTypeByMetadataName(n)).OfType<INamedTypeSymbol>().ToList();
            var places = new List<ISymbol> { compilation.Assembly };
            places.AddRange(compilation.Assembly.GlobalNamespace.GetNamespaceMembers().SelectMany(n => n.GetTypeMembers()).SelectMany(t => new[] { t }.Concat(t.GetTypeMembers())));
            Assert.True(places.Count >= 3);
            foreach (var type in types)
                foreach (var place in places)
                {
                    var expected = type.GetMembers()
                        .Where(m => !m.IsImplicitlyDeclared && m is not INamedTypeSymbol && m is not IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.Constructor) })
                        .Where(m => compilation.IsSymbolAccessibleWithin(m, place))
                        .Select(m => m.ToDisplayString()).ToList();
                    var shown = StubRenderer.ShownMembers(compilation, type, place).Select(m => m.Symbol.ToDisplayString()).ToList();
                    Assert.True(expected.SequenceEqual(shown), $"{type} from {place} in {compilation.AssemblyName}: expected {string.Join(", ", expected)}; shown {string.Join(", ", shown)}");
                }
        }
    }
}
