using LlamaCode.Completion.CSharp;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// The summary a stub shows for a member, read from its doc comment: the workspace parses without documentation (doc
/// comments are plain comment trivia there), so the comment is parsed when the stub is rendered; a tree parsed with
/// documentation gives the same summary.
/// </summary>
public sealed class DocCommentSpec
{
    [Theory]
    [InlineData("/// <summary>Finds an order by id.</summary>\nvoid Find() { }", "Finds an order by id.")]
    [InlineData("/// <summary>\n/// Finds an order\n/// by its <see cref=\"Order.Id\"/>.\n/// </summary>\n/// <param name=\"id\">The id.</param>\nvoid Find(int id) { }", "Finds an order by its Id.")]
    [InlineData("/** <summary>Stores orders.</summary> */\nvoid Store() { }", "Stores orders.")]
    // Attributes come after the comment: it is still the declaration's.
    [InlineData("/// <summary>Obsolete now.</summary>\n[Obsolete]\nvoid Old() { }", "Obsolete now.")]
    // A plain comment or a directive between the doc comment and the declaration: still the declaration's.
    [InlineData("/// <summary>Finds it.</summary>\n// a note\n#pragma warning disable CS1591\nvoid Find() { }", "Finds it.")]
    // Two runs of doc comment lines: the last is the declaration's (a blank line or a plain comment ends a run).
    [InlineData("/// <summary>Of something else.</summary>\n\n/// <summary>Finds it.</summary>\nvoid Find() { }", "Finds it.")]
    [InlineData("/// <summary>Of something else.</summary>\n// a note\n/// <summary>Finds it.</summary>\nvoid Find() { }", "Finds it.")]
    // Not doc comments: four slashes, or no summary element.
    [InlineData("//// <summary>Commented out.</summary>\nvoid Find() { }", null)]
    [InlineData("/// <remarks>Only remarks.</remarks>\nvoid Find() { }", null)]
    [InlineData("void Find() { }", null)]
    public void A_members_summary_comes_from_its_doc_comment(string member, string? summary)
    {
        foreach (var mode in new[] { Microsoft.CodeAnalysis.DocumentationMode.None, Microsoft.CodeAnalysis.DocumentationMode.Parse })
        {
            var options = new CSharpParseOptions(LanguageVersion.Preview, mode);
            var tree = CSharpSyntaxTree.ParseText("using System;\nclass Shop\n{\n" + member + "\n}\n", options);
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
            var symbol = CSharpCompilation.Create("Shop", [tree], AdhocCompilation.FrameworkReferences).GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
            var text = StubRenderer.Summary(symbol, maxChars: 200);
            Assert.Equal(summary, text);
        }
    }
}
