using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;
using Microsoft.CodeAnalysis;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// What a document can reach: its own project and the projects it references. Stubs come only from those, and only
/// those are compiled for it, so that memory follows what is used rather than the size of the repository.
/// </summary>
public class ReachableProjectsSpec
{
    // A references B; C is unrelated. Every project declares a public type in namespace Shop whose name shares
    // words with the code at the cursor, so that only reachability can keep C's out.
    private static readonly Dictionary<string, string> Files = new()
    {
        ["A/OrderCheckout.cs"] = "namespace Shop;\n\npublic sealed class OrderCheckout\n{\n    public void PlaceOrder(OrderLine line) { }\n}\n",
        ["B/OrderLine.cs"] = "namespace Shop;\n\npublic sealed class OrderLine\n{\n    public int Quantity { get; init; }\n}\n",
        ["B/OrderLedger.cs"] = "namespace Shop;\n\npublic static class OrderLedger\n{\n    public static void RecordOrder(OrderLine line) { }\n}\n",
        ["C/OrderArchive.cs"] = "namespace Shop;\n\npublic sealed class OrderArchive\n{\n    public void ArchiveOrder(int orderId) { }\n}\n",
        ["C/OrderLineExport.cs"] = "namespace Shop;\n\npublic static class OrderLineExport\n{\n    public static string ExportOrderLine(object line) => \"\";\n}\n",
    };

    private static readonly Dictionary<string, string> ProjectFiles = new()
    {
        ["A/A.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"../B/B.csproj\" /></ItemGroup></Project>",
        ["B/B.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>",
        ["C/C.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>",
    };

    private const string Document = "A/Orders.cs";

    // The cursor where an order line is recorded, archived or exported: words of types in all three projects.
    private const string Fixture = "namespace Shop;\n\npublic class Orders\n{\n    // record, archive and export the order line\n    public void Close(OrderCheckout checkout)\n    {\n        $0\n    }\n}\n";

    private static (CSharpWorkspace Workspace, string Text, int Offset) Workspace()
    {
        var (prefix, suffix) = Cursor.Split(Fixture);
        var files = new Dictionary<string, string>(Files) { [Document] = prefix + suffix };
        return (CSharpWorkspace.Create(new WorkspaceFiles(Path.GetTempPath()), files, ProjectFiles), prefix + suffix, prefix.Length);
    }

    private static Project ProjectNamed(CSharpWorkspace workspace, string name) => workspace.Solution.Projects.Single(p => p.Name == name);

    [Fact]
    public async Task A_document_in_A_gets_stubs_from_A_and_its_references_never_from_an_unrelated_project()
    {
        var (workspace, text, offset) = Workspace();

        var stubs = await new CSharpSymbolContext(workspace).CollectAsync(Document, text, offset, CancellationToken.None);

        Assert.Contains(stubs, s => s.Path.StartsWith("A/", StringComparison.Ordinal));
        Assert.Contains(stubs, s => s.Path.StartsWith("B/", StringComparison.Ordinal));
        Assert.DoesNotContain(stubs, s => s.Path.StartsWith("C/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_projects_a_request_reaches_are_compiled()
    {
        var (workspace, text, offset) = Workspace();

        await new CSharpSymbolContext(workspace).CollectAsync(Document, text, offset, CancellationToken.None);

        var solution = workspace.Solution;
        Assert.True(ProjectNamed(workspace, "A").TryGetCompilation(out _));
        Assert.True(ProjectNamed(workspace, "B").TryGetCompilation(out _));
        Assert.False(ProjectNamed(workspace, "C").TryGetCompilation(out _));
    }

    [Fact]
    public async Task Preparing_an_opened_document_compiles_its_projects_and_no_others()
    {
        var (workspace, _, _) = Workspace();

        await new CSharpSymbolContext(workspace).PrepareAsync("B/OrderLine.cs");

        Assert.True(ProjectNamed(workspace, "B").TryGetCompilation(out _));
        Assert.False(ProjectNamed(workspace, "A").TryGetCompilation(out _));
        Assert.False(ProjectNamed(workspace, "C").TryGetCompilation(out _));
    }

    [Fact]
    public async Task A_small_project_is_waited_for_once_the_process_has_compiled_one()
    {
        // The process's first compilation also compiles the compiler's own code (its assemblies are IL): a request
        // that may not wait goes without stubs. After it, a small project compiles in well under a second and requests
        // wait for it.
        var (workspace, text, offset) = Workspace();
        var context = new CSharpSymbolContext(workspace) { CompileWait = TimeSpan.Zero };

        var first = await context.CollectAsync(Document, text, offset, CancellationToken.None);
        await context.PrepareAsync(Document);
        var (prefix, suffix) = Cursor.Split("namespace Shop;\n\npublic class Archiving\n{\n    // archive the order\n    public void Close(OrderArchive archive)\n    {\n        $0\n    }\n}\n");
        var inC = await context.CollectAsync("C/Archiving.cs", prefix + suffix, prefix.Length, CancellationToken.None);

        Assert.Empty(first);
        Assert.False(context.IsCompiling(Document));
        Assert.Contains(inC, s => s.Path.StartsWith("C/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_an_edited_project_compiles_again_requests_get_the_stubs_of_its_last_compilation()
    {
        var (workspace, text, offset) = Workspace();
        var context = new CSharpSymbolContext(workspace) { CompileWait = TimeSpan.Zero, CompileAlwaysUpToDocuments = 0 };
        await context.PrepareAsync(Document);
        // A new type in B changes the declarations A's catalog was built from: it is built again, in the background.
        workspace.UpdateDocument("B/OrderNote.cs", "namespace Shop;\n\npublic sealed class OrderNote\n{\n}\n");

        var during = await context.CollectAsync(Document, text, offset, CancellationToken.None);

        Assert.Contains(during, s => s.Path.StartsWith("B/", StringComparison.Ordinal));
        Assert.False(context.IsCompiling(Document)); // not a first compilation: the context need not be retrieved again
    }

    [Fact]
    public async Task A_request_that_may_not_wait_for_the_first_compilation_goes_without_stubs_until_it_is_done()
    {
        var (workspace, text, offset) = Workspace();
        var context = new CSharpSymbolContext(workspace) { CompileWait = TimeSpan.Zero, CompileAlwaysUpToDocuments = 0 };

        var first = await context.CollectAsync(Document, text, offset, CancellationToken.None);
        await context.PrepareAsync(Document);
        var later = await context.CollectAsync(Document, text, offset, CancellationToken.None);

        Assert.Empty(first);
        Assert.Contains(later, s => s.Path.StartsWith("B/", StringComparison.Ordinal));
    }
}
