using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// The kinds of identifier that nothing in the type system at the cursor points at, in a small application of several
/// projects with dependency injection: for each, a document with a cursor ($0) and the stub that must come with it.
/// The repository: a web API (Microsoft.NET.Sdk.Web, implicit usings from Directory.Build.props), an event bus
/// library and a project of service defaults whose extension methods live in Microsoft.Extensions.Hosting.
/// </summary>
public sealed class CrossProjectContextSpec
{
    private static readonly Dictionary<string, string> ProjectFiles = new()
    {
        ["Directory.Build.props"] = "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup><ItemGroup><Using Include=\"Catalog.API.Model\" /></ItemGroup></Project>",
        ["src/ServiceDefaults/ServiceDefaults.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><FrameworkReference Include=\"Microsoft.AspNetCore.App\" /></ItemGroup></Project>",
        ["src/EventBus/EventBus.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>",
        ["src/Catalog.API/Catalog.API.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\EventBus\EventBus.csproj" /><ProjectReference Include="..\ServiceDefaults\ServiceDefaults.csproj" /></ItemGroup>
            </Project>
            """,
    };

    private static readonly Dictionary<string, string> Repository = new()
    {
        ["src/ServiceDefaults/Extensions.cs"] = """
            namespace Microsoft.Extensions.Hosting;

            public static class Extensions
            {
                public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder) => builder;
            }
            """,
        ["src/EventBus/IntegrationEvent.cs"] = """
            namespace EventBus.Events;

            public record IntegrationEvent
            {
                public Guid Id { get; } = Guid.NewGuid();
            }
            """,
        ["src/EventBus/GenericTypeExtensions.cs"] = """
            namespace EventBus.Extensions;

            public static class GenericTypeExtensions
            {
                public static string GetGenericTypeName(this Type type) => type.Name;
                public static string GetGenericTypeName(this object value) => value.GetType().GetGenericTypeName();
            }
            """,
        ["src/Catalog.API/IntegrationEvents/ProductPriceChangedIntegrationEvent.cs"] = """
            using EventBus.Events;

            namespace Catalog.API.IntegrationEvents;

            public record ProductPriceChangedIntegrationEvent(int ProductId, decimal NewPrice) : IntegrationEvent;
            """,
        ["src/Catalog.API/Services/CatalogAI.cs"] = """
            namespace Catalog.API.Services;

            public sealed class CatalogAI
            {
                public bool IsEnabled { get; }
            }
            """,
        ["src/Catalog.API/Services/ServiceBase.cs"] = """
            namespace Catalog.API.Services;

            public abstract class ServiceBase
            {
                protected ILogger Logger { get; } = null!;
                protected string Name => GetType().Name;
            }
            """,
        ["src/Catalog.API/Services/CatalogServiceBase.cs"] = """
            namespace Catalog.API.Services;

            public abstract class CatalogServiceBase : ServiceBase
            {
            }
            """,
        ["src/Catalog.API/Model/CatalogItem.cs"] = """
            namespace Catalog.API.Model;

            public partial class CatalogItem
            {
                public int Id { get; set; }
                public int AvailableStock { get; set; }
            }
            """,
        ["src/Catalog.API/Model/CatalogBrand.cs"] = """
            namespace Catalog.API.Model;

            public sealed class CatalogBrand
            {
                public string Brand { get; set; } = "";
            }
            """,
        ["src/Catalog.API/CatalogConstants.cs"] = """
            namespace Catalog.API;

            public static class CatalogConstants
            {
                public const string PicturesFolder = "Pics";
            }
            """,
        ["src/Catalog.API/Extensions/Extensions.cs"] = """
            using Catalog.API.Services;

            namespace Catalog.API.Extensions;

            public static class CatalogExtensions
            {
                public static void AddApplicationServices(this IHostApplicationBuilder builder)
                {
                    builder.Services.AddSingleton<CatalogAI>();
                }
            }
            """,
        ["src/Catalog.API/Apis/PriceApi.cs"] = """
            using Catalog.API.IntegrationEvents;

            namespace Catalog.API.Apis;

            public static class PriceApi
            {
                public static object ChangePrice(CatalogItem item, CatalogBrand brand, decimal price)
                {
                    var priceChangedEvent = new ProductPriceChangedIntegrationEvent(item.Id, price);
                    return Path.Combine(CatalogConstants.PicturesFolder, brand.Brand);
                }
            }
            """,
        ["src/Catalog.API/Apis/StockApi.cs"] = """
            namespace Catalog.API.Apis;

            public static class StockApi
            {
                public static string Picture(CatalogItem item, CatalogBrand brand) => Path.Combine(CatalogConstants.PicturesFolder, brand.Brand, item.Id.ToString());
            }
            """,
    };

    private static async Task<IReadOnlyList<TypeStub>> StubsAt(string path, string fixture)
    {
        var (prefix, suffix) = Cursor.Split(fixture);
        var files = new Dictionary<string, string>(Repository) { [path] = prefix + suffix };
        var workspace = CSharpWorkspace.Create(new WorkspaceFiles(Path.GetTempPath()), files, ProjectFiles);
        return await new CSharpSymbolContext(workspace).CollectAsync(path, prefix + suffix, prefix.Length, CancellationToken.None);
    }

    [Theory]
    // A web app's builder (an ASP.NET Core type) and an extension of IHostApplicationBuilder from another project, whose
    // namespace the Web SDK imports implicitly
    [InlineData("src/Catalog.API/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.$0", "src/ServiceDefaults/Extensions.cs", "AddServiceDefaults(this IHostApplicationBuilder builder)")]
    // typeof(T). and the extensions of Type from another project's namespace that the file imports
    [InlineData("src/Catalog.API/Services/Names.cs", "using EventBus.Extensions;\n\nnamespace Catalog.API.Services;\n\nstatic class Names\n{\n    public static string Of<T>() => typeof(T).$0\n}", "src/EventBus/GenericTypeExtensions.cs", "GetGenericTypeName(this Type type)")]
    public async Task Extension_methods_of_another_project_come_with_their_receiver(string path, string code, string declaringPath, string member)
    {
        var stubs = await StubsAt(path, code);
        var extensions = Assert.Single(stubs, s => s.Path == declaringPath);
        Assert.Equal(SymbolReason.Extension, extensions.Reason);
        Assert.Contains(member, extensions.Text);
    }

    [Fact]
    public async Task Members_inherited_from_a_base_in_another_file_come_with_the_derived_class()
    {
        // From the base's base: the class derives from CatalogServiceBase, which adds nothing to ServiceBase.
        var stubs = await StubsAt("src/Catalog.API/Services/OrderingService.cs",
            "namespace Catalog.API.Services;\n\npublic sealed class OrderingService : CatalogServiceBase\n{\n    public void Run()\n    {\n        $0\n    }\n}");
        var baseStub = Assert.Single(stubs, s => s.Path == "src/Catalog.API/Services/ServiceBase.cs");
        Assert.Contains("protected ILogger Logger { get; }", baseStub.Text);
        Assert.Contains("protected string Name { get; }", baseStub.Text);
    }

    [Fact]
    public async Task The_other_parts_of_a_partial_class_come_with_it()
    {
        var stubs = await StubsAt("src/Catalog.API/Model/CatalogItem.Stock.cs",
            "namespace Catalog.API.Model;\n\npublic partial class CatalogItem\n{\n    public int RemoveStock(int quantity)\n    {\n        return $0\n    }\n}");
        var otherPart = Assert.Single(stubs, s => s.Path == "src/Catalog.API/Model/CatalogItem.cs");
        Assert.Contains("public int AvailableStock { get; set; }", otherPart.Text);
    }

    [Theory]
    // var: the type that another file constructs into a variable of similar words
    [InlineData("src/Catalog.API/Apis/DiscountApi.cs", "using Catalog.API.IntegrationEvents;\n\nnamespace Catalog.API.Apis;\n\npublic static class DiscountApi\n{\n    public static void Discount(int id)\n    {\n        var priceEvent = new $0\n    }\n}", "Catalog.API.IntegrationEvents.ProductPriceChangedIntegrationEvent")]
    // A generic argument of a registration: what other files register with the same method
    [InlineData("src/Catalog.API/Program.cs", "using Catalog.API.Services;\n\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddSingleton<$0", "Catalog.API.Services.CatalogAI")]
    public async Task A_type_named_after_new_or_as_a_type_argument_is_what_other_files_name_there(string path, string code, string expectedType)
    {
        var stubs = await StubsAt(path, code);
        var stub = Assert.Single(stubs, s => s.TypeName == expectedType);
        Assert.Equal(SymbolReason.ExpectedType, stub.Reason);
    }

    [Fact]
    public async Task A_constants_class_that_the_neighbours_use_comes_first_at_the_start_of_a_statement()
    {
        // The neighbours in Apis/ name CatalogItem, CatalogBrand and CatalogConstants; this file names the first two.
        var stubs = await StubsAt("src/Catalog.API/Apis/BrandApi.cs",
            "namespace Catalog.API.Apis;\n\npublic static class BrandApi\n{\n    public static string Logo(CatalogItem item, CatalogBrand brand)\n    {\n        var folder = $0\n    }\n}");
        var constants = Assert.Single(stubs, s => s.TypeName == "Catalog.API.CatalogConstants");
        Assert.Equal(SymbolReason.CoUsed, constants.Reason);
        Assert.Contains("PicturesFolder", constants.Text);
        // Ranked ahead of the types the file merely names elsewhere (rank 2 and after), as a co-used type is not.
        Assert.InRange(constants.Rank, 0, 1.99);
    }

    [Fact]
    public async Task Types_of_a_namespace_that_Directory_Build_props_imports_are_nameable_in_a_web_project()
    {
        // No using names Catalog.API.Model: the props' <Using Include> does; the words "catalog brand" point at the type.
        var stubs = await StubsAt("src/Catalog.API/Apis/Brands.cs",
            "namespace Catalog.API.Apis;\n\npublic static class Brands\n{\n    // the catalog brand of a product\n    public static void Show()\n    {\n        $0\n    }\n}");
        Assert.Contains(stubs, s => s.TypeName == "Catalog.API.Model.CatalogBrand");
    }

    [Fact]
    public async Task The_symbols_picked_do_not_change_while_the_identifier_at_the_cursor_is_typed()
    {
        const string path = "src/Catalog.API/Apis/BrandApi.cs";
        string At(string typed) => $"namespace Catalog.API.Apis;\n\npublic static class BrandApi\n{{\n    public static string Logo(CatalogItem item, CatalogBrand brand)\n    {{\n        var folder = {typed}$0\n    }}\n}}";
        var first = await StubsAt(path, At(""));
        foreach (var typed in new[] { "C", "Ca", "Cat", "Catalog", "CatalogC", "CatalogCon" })
            Assert.Equal(first.Select(s => (s.Path, s.Text)), (await StubsAt(path, At(typed))).Select(s => (s.Path, s.Text)));
    }
}
