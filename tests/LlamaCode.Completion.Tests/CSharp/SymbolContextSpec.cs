using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>
/// Given a small repository and a document with a cursor ($0), these are the type stubs that the symbol context
/// puts first, and why. The repository: a shop with orders, a repository, a payment service and an interface.
/// </summary>
public sealed class SymbolContextSpec
{
    private static readonly Dictionary<string, string> Repository = new()
    {
        ["src/Shop/Order.cs"] = """
            namespace Shop.Orders;

            /// <summary>An order that a customer placed, with its lines and total.</summary>
            public sealed class Order
            {
                public int Id { get; init; }
                public decimal Total { get; set; }
                public OrderStatus Status { get; set; }
                private int _secret;
            }
            """,
        ["src/Shop/OrderStatus.cs"] = """
            namespace Shop.Orders;

            public enum OrderStatus { Open, Paid, Shipped }
            """,
        ["src/Shop/OrderRepository.cs"] = """
            using System.Threading.Tasks;

            namespace Shop.Orders;

            /// <summary>Stores orders.</summary>
            public class OrderRepository
            {
                /// <summary>Finds an order by id, or null.</summary>
                public Task<Order?> FindAsync(int id) => Task.FromResult<Order?>(null);
                public void Save(Order order) { }
                internal void Compact() { }
                private void Vacuum() { }
            }
            """,
        ["src/Shop/IPaymentGateway.cs"] = """
            namespace Shop.Payments;

            public interface IPaymentGateway
            {
                bool Charge(decimal amount);
            }
            """,
        ["src/Shop/StripeGateway.cs"] = """
            namespace Shop.Payments;

            public sealed class StripeGateway : IPaymentGateway
            {
                public bool Charge(decimal amount) => true;
            }
            """,
        ["src/Shop/InvoiceMailer.cs"] = """
            namespace Shop.Mail;

            public sealed class InvoiceMailer
            {
                public void SendInvoice(int orderId) { }
            }
            """,
        ["src/Shop/Registry.Part1.cs"] = """
            namespace Shop;

            public static partial class Registry
            {
                public static void AddFirst() { }
            }
            """,
        ["src/Shop/Registry.Part2.cs"] = """
            namespace Shop;

            public static partial class Registry
            {
                public static void AddSecond() { }
            }
            """,
        ["src/Shop/OrderExtensions.cs"] = """
            namespace Shop.Orders;

            public static class OrderExtensions
            {
                public static bool IsLarge(this Order order) => order.Total > 1000;
                public static string Describe(this int value) => value.ToString();
            }
            """,
    };

    private static readonly Dictionary<string, string> ProjectFiles = new()
    {
        ["src/Shop/Shop.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>",
    };

    private const string Usings = "using Shop.Orders;\nusing Shop.Payments;\nusing Shop.Mail;\n\nnamespace Shop;\n\n";

    private static async Task<IReadOnlyList<TypeStub>> StubsAt(string fixture, string path = "src/Shop/Checkout.cs")
    {
        var (prefix, suffix) = Cursor.Split(fixture);
        var files = new Dictionary<string, string>(Repository) { [path] = prefix + suffix };
        var workspace = CSharpWorkspace.Create(new WorkspaceFiles(Path.GetTempPath()), files, ProjectFiles);
        return await new CSharpSymbolContext(workspace).CollectAsync(path, prefix + suffix, prefix.Length, CancellationToken.None);
    }

    [Theory]
    // The receiver's type after '.'
    [InlineData("class Checkout { void M(OrderRepository repository) { repository.$0 } }", "OrderRepository", SymbolReason.Receiver)]
    // A static receiver: the type itself
    [InlineData("class Checkout { void M() { Registry.$0 } }", "Registry", SymbolReason.Receiver)]
    // The expected type of an initializer with an explicit type, after new
    [InlineData("class Checkout { void M() { Order order = new $0 } }", "Order", SymbolReason.ExpectedType)]
    // The object being initialized
    [InlineData("class Checkout { void M() { var order = new Order { $0 } } }", "Order", SymbolReason.Initialized)]
    // The element type of async Task<T> at return
    [InlineData("class Checkout { async System.Threading.Tasks.Task<Order> M() { return $0 } }", "Order", SymbolReason.ExpectedType)]
    // The parameter type at an argument position
    [InlineData("class Checkout { void M(OrderRepository r) { r.Save($0) } }", "Order", SymbolReason.ExpectedType)]
    public async Task The_first_stub_is_the_type_the_cursor_position_implies(string code, string expectedType, SymbolReason reason)
    {
        var stubs = await StubsAt(Usings + code);
        Assert.NotEmpty(stubs);
        Assert.EndsWith(expectedType, stubs[0].TypeName);
        Assert.Equal(reason, stubs[0].Reason);
    }

    [Fact]
    public async Task An_expected_interface_brings_its_implementations()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M() { IPaymentGateway gateway = new $0 } }");
        Assert.Contains(stubs, s => s.TypeName.EndsWith("IPaymentGateway") && s.Reason == SymbolReason.ExpectedType);
        Assert.Contains(stubs, s => s.TypeName.EndsWith("StripeGateway") && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task Extension_methods_for_the_receiver_type_come_with_it_and_only_those()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M(Order order) { order.$0 } }");
        var extensions = Assert.Single(stubs, s => s.Reason == SymbolReason.Extension);
        Assert.Contains("IsLarge(this Order order)", extensions.Text);
        Assert.DoesNotContain("Describe", extensions.Text);
    }

    [Fact]
    public async Task A_stub_is_declarations_without_bodies_with_trimmed_doc_summaries_and_only_accessible_members()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M(OrderRepository repository) { repository.$0 } }");
        var stub = stubs[0];
        Assert.Equal("src/Shop/OrderRepository.cs", stub.Path);
        Assert.Equal("""
            /// Stores orders.
            public class OrderRepository
            {
                /// Finds an order by id, or null.
                public Task<Order?> FindAsync(int id);
                public void Save(Order order);
                internal void Compact();
            }

            """.Replace("\r\n", "\n"), stub.Text);
    }

    [Fact]
    public async Task Private_members_of_other_types_are_hidden()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M(Order order) { order.$0 } }");
        var order = stubs.First(s => s.TypeName.EndsWith(".Order"));
        Assert.Contains("public decimal Total { get; set; }", order.Text);
        Assert.DoesNotContain("_secret", order.Text);
    }

    [Fact]
    public async Task Enums_are_one_line()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M(Order order) { order.Status = $0 } }");
        var status = stubs.First(s => s.TypeName.EndsWith("OrderStatus"));
        Assert.Equal("public enum OrderStatus { Open, Paid, Shipped }\n", status.Text);
        Assert.Equal(SymbolReason.ExpectedType, status.Reason);
    }

    [Fact]
    public async Task A_partial_type_gives_one_stub_per_declaring_file()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M() { Registry.$0 } }");
        var parts = stubs.Where(s => s.TypeName == "Shop.Registry").ToList();
        Assert.Equal(["src/Shop/Registry.Part1.cs", "src/Shop/Registry.Part2.cs"], parts.Select(p => p.Path).Order().ToArray());
        Assert.Contains("AddFirst", parts.Single(p => p.Path.EndsWith("Part1.cs")).Text);
        Assert.DoesNotContain("AddSecond", parts.Single(p => p.Path.EndsWith("Part1.cs")).Text);
    }

    [Fact]
    public async Task A_type_not_named_yet_is_found_by_the_words_of_nearby_lines()
    {
        // Nothing names InvoiceMailer, but "send the invoice mail" does; Shop.Mail is imported.
        var stubs = await StubsAt(Usings + "class Checkout {\n    // send the invoice mail for the order\n    void M() {\n        var mailer = new $0\n    }\n}");
        Assert.Contains(stubs, s => s.TypeName.EndsWith("InvoiceMailer") && s.Reason == SymbolReason.Nameable);
    }

    [Fact]
    public async Task Types_of_a_namespace_that_is_not_imported_are_not_nameable()
    {
        var stubs = await StubsAt("namespace Other;\n\nclass Checkout {\n    // send the invoice mail\n    void M() { $0 }\n}");
        Assert.DoesNotContain(stubs, s => s.TypeName.EndsWith("InvoiceMailer"));
    }

    [Fact]
    public async Task Types_named_in_the_file_come_with_their_stubs_and_types_of_the_current_file_do_not()
    {
        var stubs = await StubsAt(Usings + "class Helper { }\nclass Checkout { StripeGateway _gateway; Helper _helper; void M() { $0 } }");
        Assert.Contains(stubs, s => s.TypeName.EndsWith("StripeGateway"));
        Assert.DoesNotContain(stubs, s => s.TypeName.EndsWith("Helper"));
    }

    [Fact]
    public async Task An_edit_to_another_file_shows_in_the_next_request()
    {
        var fixture = Usings + "class Checkout { void M(OrderRepository repository) { repository.$0 } }";
        var (prefix, suffix) = Cursor.Split(fixture);
        var files = new Dictionary<string, string>(Repository) { ["src/Shop/Checkout.cs"] = prefix + suffix };
        var workspace = CSharpWorkspace.Create(new WorkspaceFiles(Path.GetTempPath()), files, ProjectFiles);
        var context = new CSharpSymbolContext(workspace);
        var before = await context.CollectAsync("src/Shop/Checkout.cs", prefix + suffix, prefix.Length, CancellationToken.None);
        Assert.DoesNotContain("Archive", before[0].Text);

        workspace.UpdateDocument("src/Shop/OrderRepository.cs", Repository["src/Shop/OrderRepository.cs"].Replace("public void Save(Order order) { }", "public void Save(Order order) { }\n    public void Archive(Order order) { }"));
        var after = await context.CollectAsync("src/Shop/Checkout.cs", prefix + suffix, prefix.Length, CancellationToken.None);
        Assert.Contains("public void Archive(Order order);", after[0].Text);
    }

    [Fact]
    public async Task Files_that_are_not_csharp_get_no_symbols()
    {
        var workspace = CSharpWorkspace.Create(new WorkspaceFiles(Path.GetTempPath()), Repository, ProjectFiles);
        Assert.Empty(await new CSharpSymbolContext(workspace).CollectAsync("README.md", "Order", 5, CancellationToken.None));
    }
}
