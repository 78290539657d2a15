using LlamaCode.Completion.Context;
using LlamaCode.Completion.Retrieval;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.Context;

/// <summary>Edits reach both the Roslyn solution (at once) and the repository index (in the background, latest text only).</summary>
public sealed class WorkspaceContextTests
{
    [Fact]
    public async Task An_edit_reaches_the_csharp_workspace_at_once_and_the_index_once_its_updates_settle()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Order.cs", "namespace Shop;\npublic sealed class Order { }\n");
        var context = await WorkspaceContext.LoadAsync(new WorkspaceFiles(dir.Root), new(), null, CancellationToken.None);

        for (int i = 0; i < 5; i++)
            context.UpdateDocument("src/Order.cs", $"namespace Shop;\npublic sealed class Order {{ public void Ship{i}() {{ }} }}\n", RecencyKind.Edited);

        var document = context.CSharp.GetDocument("src/Order.cs")!;
        Assert.Contains("Ship4", (await document.GetTextAsync()).ToString());
        await context.IndexUpdates;
        var query = new RetrievalQuery("src/Other.cs", "order.Ship4", "");
        var hit = Assert.Single(context.Index.Search(query, 5), c => c.Path == "src/Order.cs");
        Assert.Contains("Ship4", hit.Text);
        Assert.DoesNotContain(context.Index.Search(new RetrievalQuery("src/Other.cs", "order.Ship2", ""), 5), c => c.Text.Contains("Ship2"));
    }
}
