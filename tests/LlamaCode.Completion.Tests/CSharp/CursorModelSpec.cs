using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Documents;
using LlamaCode.Completion.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// Given a file as the compilation has it and the same file as a request has it, whether the request is bound
/// speculatively against that compilation (an edit inside one body) or needs a fork, and that speculative answers are
/// those of a fork. The request's text is the base with the `$0` marker replaced by what was typed there.
/// </summary>
public sealed class CursorModelSpec
{
    private const string Base = """
        namespace Shop;

        public sealed class Order { public int Id { get; set; } public decimal Total { get; set; } }

        public sealed class Checkout
        {
            private readonly Order _order = new();
            private int _count = 1;

            public decimal Pay(Order order)
            {
                var total = order.Total;
                $0
                return total;
            }

            public int Count
            {
                get { return _count; }
                set { _count = value; }
            }

            public int Twice(int x) => x * 2;
        }
        """;

    [Theory]
    // Typing inside a method body, an accessor body or an expression body: speculative.
    [InlineData(Base, "order.", true)]
    [InlineData(Base, "var again = order.Id; again.", true)]
    [InlineData(Base, "if (total > 0) order.", true)]
    [InlineData("class C { int _c; int P { get { $0 return _c; } } }", "_c.", true)]
    [InlineData("class C { int M(int x) => x + $0; }", "x.", true)]
    [InlineData("class C { C() { $0 } }", "this.", true)]
    // Elsewhere: a fork.
    [InlineData("class C { int _c = $0; }", "_c.", false)]                       // a field initializer
    [InlineData("class C { void M($0) { } }", "int x", false)]                   // a parameter list
    [InlineData("class C { $0 }", "void N() { }", false)]                        // a new member
    [InlineData("class C { void M() { $0 } void N() { } }", "} void O() {", false)] // a brace that ends the method early
    [InlineData(Base, "if (total > 0) { order.", false)]                     // an open brace: the method ends elsewhere
    [InlineData("class C { void M() { var s = $0; } }", "\"abc", false)]         // an open string swallows the rest
    public void An_edit_inside_one_body_is_bound_speculatively(string baseFixture, string typed, bool speculative)
    {
        var (prefix, suffix) = Cursor.Split(baseFixture);
        var model = Bind(prefix + suffix, prefix + typed + suffix, out _);
        Assert.Equal(speculative, model is not null);
    }

    [Theory]
    [InlineData("order.", "order", "Shop.Order")]
    [InlineData("var again = _order; again.", "again", "Shop.Order")]
    [InlineData("var n = Count; n.", "n", "int")]
    public void Speculative_answers_are_those_of_the_compilation_with_the_edit(string typed, string identifier, string expectedType)
    {
        var (prefix, suffix) = Cursor.Split(Base);
        var text = prefix + typed + suffix;
        var model = Bind(prefix + suffix, text, out var root)!;
        var name = root.DescendantNodes().OfType<IdentifierNameSyntax>().Last(n => n.Identifier.ValueText == identifier && n.SpanStart >= prefix.Length);

        var forked = AdhocCompilation.Create("Shop", [AdhocCompilation.Parse("Checkout.cs", text)], implicitUsings: false);
        var forkedTree = forked.SyntaxTrees[0];
        var forkedName = forkedTree.GetRoot().FindNode(name.Span) as IdentifierNameSyntax;
        var expected = forked.GetSemanticModel(forkedTree).GetTypeInfo(forkedName!).Type;

        Assert.True(model.IsSpeculative);
        Assert.Equal(expectedType, model.GetTypeInfo(name, CancellationToken.None).Type?.ToDisplayString());
        Assert.Equal(expected?.ToDisplayString(), model.GetTypeInfo(name, CancellationToken.None).Type?.ToDisplayString());
        // The local just declared is found at the cursor; the class's members are too.
        Assert.NotEmpty(model.LookupSymbols(prefix.Length + typed.Length, identifier));
        Assert.NotEmpty(model.LookupSymbols(prefix.Length + typed.Length, "_count"));
        // A node outside the body (the class) is answered by its twin in the base tree: the same symbol as the base's own.
        var type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.ValueText == "Checkout");
        var declared = model.GetDeclaredSymbol(type, CancellationToken.None);
        Assert.NotNull(declared);
        Assert.Same(model.Compilation.GetTypeByMetadataName("Shop.Checkout"), declared);
        // So is one after the edit, whose position moved.
        var twice = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Twice");
        Assert.Equal("Twice", model.GetDeclaredSymbol(twice, CancellationToken.None)?.Name);
    }

    private static CursorModel? Bind(string baseText, string requestText, out SyntaxNode root)
    {
        var baseTree = AdhocCompilation.Parse("Checkout.cs", baseText);
        var compilation = AdhocCompilation.Create("Shop", [baseTree], implicitUsings: false);
        var edit = SingleEdit.Between(baseText, requestText);
        root = baseTree.WithChangedText(baseTree.GetText().WithChanges(edit)).GetRoot();
        return CursorModel.TrySpeculative(compilation.GetSemanticModel(baseTree), root, edit);
    }
}
