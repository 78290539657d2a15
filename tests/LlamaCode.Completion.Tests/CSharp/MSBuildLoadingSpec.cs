using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// How a workspace's C# projects load: MSBuild binds the package references the user restored, the project-file
/// reader does not, and any MSBuild failure falls back to the project-file reader with the reason logged.
/// </summary>
public sealed class MSBuildLoadingSpec(RestoredPackageWorkspace fixture) : IClassFixture<RestoredPackageWorkspace>
{
    private readonly List<string> _log = [];

    private Task<CSharpWorkspace> Load(ProjectLoaderKind loader, string? root = null, TimeSpan? timeout = null) =>
        CSharpWorkspaceLoader.LoadAsync(new WorkspaceFiles(root ?? fixture.Root),
            new CSharpLoadOptions(loader, _log.Add) { MSBuildTimeout = timeout ?? TestLimits.MachineBound });

    /// <summary>The method <c>age.Humanize()</c> binds to in Order.cs, or null.</summary>
    private static async Task<IMethodSymbol?> HumanizeCall(CSharpWorkspace workspace)
    {
        var document = workspace.GetDocument(RestoredPackageWorkspace.OrderFile)!;
        var root = await document.GetSyntaxRootAsync();
        var call = root!.DescendantNodes().OfType<InvocationExpressionSyntax>().Single();
        var model = await document.GetSemanticModelAsync();
        return model!.GetSymbolInfo(call).Symbol as IMethodSymbol;
    }

    [Fact]
    public async Task By_default_MSBuild_loads_the_workspace_and_binds_a_type_from_a_restored_package()
    {
        var workspace = await Load(ProjectLoaderKind.Auto);

        Assert.Equal(MSBuildSolution.LoaderName, workspace.LoadedBy);
        Assert.Null(workspace.FallbackReason);
        var humanize = await HumanizeCall(workspace);
        Assert.NotNull(humanize);
        Assert.Equal("Humanizer", humanize.ContainingAssembly.Name);
    }

    [Fact]
    public async Task The_project_file_reader_leaves_the_package_unbound()
    {
        var workspace = await Load(ProjectLoaderKind.Files);

        Assert.Equal(ProjectFileSolution.LoaderName, workspace.LoadedBy);
        Assert.Null(await HumanizeCall(workspace));
        Assert.Empty(_log);
    }

    [Fact]
    public async Task By_default_a_workspace_nobody_restored_is_read_from_its_project_files()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Shop/Shop.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        dir.Write("src/Shop/Order.cs", "namespace Shop;\npublic sealed class Order { }\n");

        var workspace = await Load(ProjectLoaderKind.Auto, dir.Root);

        Assert.Equal(ProjectFileSolution.LoaderName, workspace.LoadedBy);
        Assert.Null(workspace.FallbackReason);
        Assert.Contains(_log, line => line.Contains("no project is restored"));
    }

    [Fact]
    public async Task A_solution_from_MSBuild_takes_edits_and_new_files_incrementally()
    {
        var workspace = await Load(ProjectLoaderKind.MSBuild);
        var before = workspace.Solution;

        workspace.UpdateDocument(RestoredPackageWorkspace.OrderFile, RestoredPackageWorkspace.OrderSource.Replace("Age(", "Shipped("));
        workspace.UpdateDocument("src/Shop/Cart.cs", "namespace Shop;\npublic sealed class Cart { public Order? Last; }\n");

        var order = workspace.GetDocument(RestoredPackageWorkspace.OrderFile)!;
        Assert.Equal(before.GetDocumentIdsWithFilePath(RestoredPackageWorkspace.OrderFile).Single(), order.Id);
        Assert.Contains("Shipped(", (await order.GetTextAsync()).ToString());
        Assert.NotNull(await HumanizeCall(workspace));
        var cart = workspace.GetDocument("src/Shop/Cart.cs")!;
        Assert.Equal(order.Project.Id, cart.Project.Id);
        var compilation = await cart.Project.GetCompilationAsync();
        Assert.Empty(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task A_project_MSBuild_cannot_evaluate_falls_back_to_the_project_files_with_the_reason_logged()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
        dir.Write("src/Broken/Order.cs", "namespace Broken;\npublic sealed class Order { }\n");

        var workspace = await Load(ProjectLoaderKind.MSBuild, dir.Root);

        Assert.Equal(ProjectFileSolution.LoaderName, workspace.LoadedBy);
        Assert.NotNull(workspace.FallbackReason);
        Assert.Contains(_log, line => line.Contains(workspace.FallbackReason));
        Assert.NotNull(workspace.GetDocument("src/Broken/Order.cs"));
    }

    [Fact]
    public async Task MSBuild_past_its_time_bound_falls_back_to_the_project_files()
    {
        var workspace = await Load(ProjectLoaderKind.MSBuild, timeout: TimeSpan.FromMilliseconds(1));

        Assert.Equal(ProjectFileSolution.LoaderName, workspace.LoadedBy);
        Assert.Contains("within 0.001 s", workspace.FallbackReason);
        Assert.NotNull(workspace.GetDocument(RestoredPackageWorkspace.OrderFile));
    }

    [Fact]
    public async Task Cancelling_the_load_cancels_rather_than_falls_back()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CSharpWorkspaceLoader.LoadAsync(
            new WorkspaceFiles(fixture.Root), new CSharpLoadOptions(ProjectLoaderKind.MSBuild), cancellationToken: cancelled.Token));
    }
}
