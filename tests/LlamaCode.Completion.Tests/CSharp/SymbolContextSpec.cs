using System.Text.RegularExpressions;
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
                public static Order Create(int id) => new() { Id = id };
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
        ["src/Shop/IGateway.cs"] = """
            namespace Shop.Payments;

            public interface IGateway { }
            """,
        ["src/Shop/IPayoutGateway.cs"] = """
            namespace Shop.Payments;

            public interface IPayoutGateway : IGateway { }
            """,
        ["src/Shop/IPaymentGateway.cs"] = """
            namespace Shop.Payments;

            public interface IPaymentGateway : IGateway
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
        ["src/Shop/Guard.cs"] = """
            namespace Shop;

            public static class Guard
            {
                public static T NotNull<T>(T value) => value;
            }
            """,
        ["src/Shop/Handlers/HandlerBase.cs"] = """
            namespace Shop.Handlers;

            public abstract class HandlerBase { }
            """,
        ["src/Shop/Handlers/RefundHandler.cs"] = """
            using Shop.Orders;

            namespace Shop.Handlers;

            public sealed class RefundHandler(OrderRepository repository) : HandlerBase
            {
                public void Refund(Order order) => repository.Save(Guard.NotNull(order));
            }
            """,
        ["src/Shop/Handlers/ShipHandler.cs"] = """
            using Shop.Orders;

            namespace Shop.Handlers;

            public sealed class ShipHandler(OrderRepository repository) : HandlerBase
            {
                public void Ship(Order order) => repository.Save(Guard.NotNull(order) with { });
            }
            """,
    };

    private static readonly Dictionary<string, string> ProjectFiles = new()
    {
        ["src/Shop/Shop.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>",
    };

    private const string Usings = "using Shop.Orders;\nusing Shop.Payments;\nusing Shop.Mail;\n\nnamespace Shop;\n\n";

    /// <summary>A workspace of <paramref name="files"/> in the shop's project.</summary>
    private static CSharpWorkspace ShopWorkspace(IReadOnlyDictionary<string, string> files) =>
        CSharpWorkspace.Create(new WorkspaceFiles(Path.GetTempPath()), files, ProjectFiles);

    private static async Task<IReadOnlyList<TypeStub>> StubsAt(string fixture, string path = "src/Shop/Checkout.cs",
        SymbolContextOptions? options = null, int? maxChars = null, IReadOnlyDictionary<string, string>? moreFiles = null, string? saved = null)
    {
        var (prefix, suffix) = Cursor.Split(fixture);
        var files = new Dictionary<string, string>(Repository) { [path] = saved ?? prefix + suffix };
        foreach (var (file, text) in moreFiles ?? new Dictionary<string, string>()) files[file] = text;
        var workspace = ShopWorkspace(files);
        return await new CSharpSymbolContext(workspace, options).CollectAsync(path, prefix + suffix, prefix.Length, CancellationToken.None, maxChars);
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

    [Theory]
    // What the declared type's siblings derive from
    [InlineData("src/Shop/Handlers/PayHandler.cs", "using Shop.Orders;\n\nnamespace Shop.Handlers;\n\npublic sealed class PayHandler : $0", "Shop.Handlers.HandlerBase")]
    // A type whose name starts the declared name by whole words
    [InlineData("src/Shop/CachingRepository.cs", Usings + "public class OrderRepositoryWithCache : $0", "Shop.Orders.OrderRepository")]
    // The interface that the interfaces with the same last word extend (a class would not do for an interface)
    [InlineData("src/Shop/IRefundGateway.cs", "namespace Shop.Payments;\n\npublic interface IRefundGateway : $0", "Shop.Payments.IGateway")]
    public async Task In_a_base_list_the_first_stub_is_the_likely_base(string path, string code, string expectedBase)
    {
        var stubs = await StubsAt(code, path);
        Assert.NotEmpty(stubs);
        Assert.Equal(expectedBase, stubs[0].TypeName);
        Assert.Equal(SymbolReason.ExpectedType, stubs[0].Reason);
    }

    [Fact]
    public async Task An_enum_base_list_proposes_no_repository_type()
    {
        var stubs = await StubsAt("namespace Shop.Payments;\n\npublic enum GatewayKind : $0", "src/Shop/GatewayKind.cs");
        Assert.DoesNotContain(stubs, s => s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task Types_that_the_most_similar_files_use_come_with_the_file_before_it_names_them()
    {
        // Both handlers use Order, OrderRepository and Guard; a third one that names the first two gets Guard too.
        var stubs = await StubsAt("using Shop.Orders;\n\nnamespace Shop.Handlers;\n\npublic sealed class PayHandler(OrderRepository repository) : HandlerBase\n{\n    public void Pay(Order order) => repository.$0\n}",
            "src/Shop/Handlers/PayHandler.cs");
        var guard = Assert.Single(stubs, s => s.TypeName == "Shop.Guard");
        Assert.Equal(SymbolReason.CoUsed, guard.Reason);
        Assert.Contains("NotNull", guard.Text);
    }

    [Theory]
    // After a type name, its static members; after a value, its instance members
    [InlineData("class Checkout { void M() { Order.$0 } }", "Create", "Total")]
    [InlineData("class Checkout { void M(Order order) { order.$0 } }", "Total", "Create")]
    public async Task A_receiver_shows_the_members_that_can_follow_it(string code, string shown, string hidden)
    {
        var stubs = await StubsAt(Usings + code);
        Assert.EndsWith(".Order", stubs[0].TypeName);
        Assert.Contains(shown, stubs[0].Text);
        Assert.DoesNotContain(hidden, stubs[0].Text);
    }

    [Fact]
    public async Task A_receiver_with_more_members_than_its_stub_shows_names_the_rest()
    {
        // Where not every member fits, names matter most: the declarations shown go without their doc summaries.
        var stubs = await StubsAt(Usings + "class Checkout { void M(OrderRepository repository) { repository.$0 } }",
            options: new SymbolContextOptions { MaxMembersPerType = 1 });
        Assert.Equal("""
            /// Stores orders.
            public class OrderRepository
            {
                public Task<Order?> FindAsync(int id);
                // also: Save(…), Compact(…)
            }

            """.Replace("\r\n", "\n"), stubs[0].Text);
    }

    [Fact]
    public async Task A_large_type_takes_its_share_of_the_budget_and_leaves_room_for_the_others()
    {
        var members = string.Concat(Enumerable.Range(1, 40).Select(i =>
            $"    /// <summary>The {i}th setting of the warehouse, which says how orders are packed and shipped.</summary>\n    public int Setting{i} {{ get; set; }}\n"));
        var warehouse = $"namespace Shop.Orders;\n\npublic sealed class Warehouse\n{{\n{members}}}\n";
        var stubs = await StubsAt(Usings + "class Checkout { Warehouse _warehouse; StripeGateway _gateway; InvoiceMailer _mailer; OrderRepository _orders; void M() { $0 } }",
            maxChars: 3000, moreFiles: new Dictionary<string, string> { ["src/Shop/Warehouse.cs"] = warehouse });
        var big = Assert.Single(stubs, s => s.TypeName == "Shop.Orders.Warehouse");
        Assert.InRange(big.Text.Length, 1, 3000 / 5);
        Assert.Contains(stubs, s => s.TypeName.EndsWith("StripeGateway"));
        Assert.Contains(stubs, s => s.TypeName.EndsWith("InvoiceMailer"));
        Assert.Contains(stubs, s => s.TypeName.EndsWith("OrderRepository"));
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
    public async Task Only_the_stubs_whose_members_come_next_show_member_doc_summaries()
    {
        var stubs = await StubsAt(Usings + "class Checkout { OrderRepository _orders; void M(Order order) { order.$0 } }");
        var other = Assert.Single(stubs, s => s.TypeName == "Shop.Orders.OrderRepository");
        Assert.NotEqual(SymbolReason.Receiver, other.Reason);
        Assert.Contains("/// Stores orders.", other.Text);          // the type's own summary says what it is
        Assert.Contains("FindAsync(int id);", other.Text);
        Assert.DoesNotContain("Finds an order", other.Text);         // a member's costs as much as another declaration
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
        // The first part says what the type is; the others only which type they belong to.
        Assert.Contains("public static partial class Registry\n", parts[0].Text);
        Assert.StartsWith("partial class Registry\n{\n", parts[1].Text);
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
    public async Task A_type_named_a_few_lines_from_the_cursor_comes_before_the_bases_and_the_far_ones()
    {
        var far = string.Concat(Enumerable.Repeat("    // padding\n", 20));
        var stubs = await StubsAt("using Shop.Orders;\nusing Shop.Mail;\n\nnamespace Shop.Handlers;\n\npublic sealed class PayHandler : HandlerBase\n{\n" +
                                  "    void M()\n    {\n        $0\n    }\n\n    void N(InvoiceMailer mailer) { }\n" + far + "    void O(OrderStatus status) { }\n}",
            "src/Shop/Handlers/PayHandler.cs");
        int Index(string name) => stubs.ToList().FindIndex(s => s.TypeName.EndsWith(name, StringComparison.Ordinal));
        Assert.True(Index("InvoiceMailer") >= 0 && Index("HandlerBase") >= 0 && Index("OrderStatus") >= 0, string.Join(", ", stubs.Select(s => s.TypeName)));
        Assert.True(Index("InvoiceMailer") < Index("HandlerBase"), "named 3 lines below the cursor: before the base");
        Assert.True(Index("HandlerBase") < Index("OrderStatus"), "named 24 lines below the cursor: after the base");
    }

    private static readonly Dictionary<string, string> Post = new()
    {
        ["src/Shop/Mail/Postbox.cs"] = """
            namespace Shop.Mail;

            public sealed class Letter { public string Text { get; set; } = ""; }
            public enum Priority { Low, High }
            public static class Postbox
            {
                public static void Send(string to, Priority priority) { }
                public static void Send(string to, Letter letter) { }
            }
            """,
        ["src/Shop/Handlers/OrderHandler.cs"] = """
            using Shop.Orders;
            using Shop.Mail;

            namespace Shop.Handlers;

            public abstract class OrderHandler
            {
                public abstract void Handle(Order order, InvoiceMailer mailer);
            }
            """,
    };

    [Fact]
    public async Task At_an_argument_of_an_overloaded_method_each_overload_s_parameter_type_is_expected()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M() { Postbox.Send(\"a@b.c\", new $0 } }", moreFiles: Post);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.Priority" && s.Reason == SymbolReason.ExpectedType);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.Letter" && s.Reason == SymbolReason.ExpectedType);
    }

    [Theory]
    [InlineData("InvoiceMailerTests")]
    [InlineData("InvoiceMailerSpecs")]
    public async Task A_test_class_brings_the_type_it_is_named_after(string testClass)
    {
        var stubs = await StubsAt(Usings + $"public class {testClass}\n{{\n    public void Sends()\n    {{\n        var sut = $0\n    }}\n}}", "tests/Shop.Tests/MailerTests.cs");
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.InScope);
    }

    [Fact]
    public async Task The_header_of_an_override_brings_the_types_of_the_overridden_signature()
    {
        var stubs = await StubsAt("using Shop.Orders;\n\nnamespace Shop.Handlers;\n\npublic sealed class PayHandler : OrderHandler\n{\n    public override void Handle(Order order, $0",
            "src/Shop/Handlers/PayHandler.cs", moreFiles: Post);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.ExpectedType);
    }

    [Theory]
    [InlineData("public sealed class Auditor\n{\n    public $0")]
    [InlineData("public sealed class Auditor\n{\n    public void Audit(int id, $0")]
    [InlineData("public sealed class Auditor\n{\n    public object Audit()\n    {\n        return new $0\n    }\n}\n")]
    public async Task At_a_type_position_the_types_declared_beside_the_file_are_named(string code)
    {
        // Nothing else picks RefundHandler here: no word in common, not named, not a base.
        var stubs = await StubsAt("namespace Shop.Handlers;\n\n" + code, "src/Shop/Handlers/Auditor.cs");
        var sibling = Assert.Single(stubs, s => s.TypeName == "Shop.Handlers.RefundHandler");
        Assert.Equal(SymbolReason.Nameable, sibling.Reason);
        Assert.True(!sibling.Text.Contains("Refund("), sibling.Text); // its declaration line only: the name is what is needed there
    }

    [Fact]
    public async Task Inside_a_method_body_the_types_beside_the_file_are_not_named_for_that_reason()
    {
        var stubs = await StubsAt("namespace Shop.Handlers;\n\npublic sealed class Auditor\n{\n    public void Audit()\n    {\n        $0", "src/Shop/Handlers/Auditor.cs");
        Assert.DoesNotContain(stubs, s => s.TypeName == "Shop.Handlers.RefundHandler" && s.Reason == SymbolReason.Nameable);
    }

    [Fact]
    public async Task An_object_initializer_shows_the_members_its_bases_declare_that_are_not_set_yet()
    {
        var options = new Dictionary<string, string>
        {
            ["src/Shop/OrderOptions.cs"] = """
                namespace Shop.Orders;

                public class OrderOptionsBase<T>
                {
                    public int Retries { get; set; }
                    public T? Fallback { get; set; }
                    public void Validate() { }
                }
                public class OrderOptions : OrderOptionsBase<Order> { }
                """,
        };
        var stubs = await StubsAt(Usings + "class Checkout { void M() { var o = new OrderOptions\n    {\n        Retries = 3,\n        $0\n    };\n} }", moreFiles: options);
        var inherited = Assert.Single(stubs, s => s.TypeName.StartsWith("Shop.Orders.OrderOptionsBase", StringComparison.Ordinal));
        Assert.Equal(SymbolReason.Initialized, inherited.Reason);
        Assert.Contains("Fallback", inherited.Text);
        Assert.DoesNotContain("Retries", inherited.Text); // set already
        Assert.DoesNotContain("Validate", inherited.Text); // not settable in an initializer
    }

    [Fact]
    public async Task An_expected_interface_brings_first_the_implementations_named_like_the_code_around_the_cursor()
    {
        var gateways = new Dictionary<string, string>();
        foreach (var name in new[] { "Adyen", "Braintree", "Cash", "Paypal" })
            gateways[$"src/Shop/Payments/{name}Gateway.cs"] = $"namespace Shop.Payments;\n\npublic sealed class {name}Gateway : IPaymentGateway {{ public bool Charge(decimal amount) => true; }}\n";
        var stubs = await StubsAt(Usings + "class Checkout\n{\n    void PayByPaypal()\n    {\n        IPaymentGateway gateway = new $0\n    }\n}", moreFiles: gateways);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Payments.PaypalGateway" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task In_a_base_list_a_base_declared_beside_the_file_comes_before_alike_ones_far_away()
    {
        var rules = new Dictionary<string, string> { ["src/Shop/Rules/PriceRule.cs"] = "namespace Shop.Rules;\n\npublic class PriceRule { }\n" };
        foreach (var name in new[] { "Age", "Bulk", "Color", "Date" })
            rules[$"src/Shop/Legacy/{name}Rule.cs"] = $"namespace Shop.Rules;\n\npublic class {name}Rule {{ }}\n";
        var stubs = await StubsAt("namespace Shop.Rules;\n\npublic sealed class AuditRule : $0", "src/Shop/Rules/AuditRule.cs", moreFiles: rules);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Rules.PriceRule" && s.Reason == SymbolReason.ExpectedType);
    }

    // A partial class whose other part declares many members, the one used below last of all.
    private static readonly Dictionary<string, string> PartialPipeline = new()
    {
        ["src/Shop/Pipeline.cs"] = "namespace Shop.Orders;\n\npublic sealed partial class Pipeline\n{\n"
            + string.Concat(Enumerable.Range(1, 12).Select(i => $"    public int Stage{i} {{ get; set; }}\n"))
            + "    internal OrderRepository Pool { get; } = new();\n}\n",
    };

    [Fact]
    public async Task In_a_method_body_the_members_of_the_class_declared_in_its_other_files_are_named()
    {
        var stubs = await StubsAt("namespace Shop.Orders;\n\npublic sealed partial class Pipeline\n{\n    private int _runs;\n    void Run()\n    {\n        $0",
            "src/Shop/Pipeline.Run.cs", options: new SymbolContextOptions { MaxMembersPerType = 4 }, moreFiles: PartialPipeline);
        var other = Assert.Single(stubs, s => s.TypeName == "Shop.Orders.Pipeline");
        Assert.Equal("src/Shop/Pipeline.cs", other.Path);
        Assert.Contains("Pool", other.Text);            // named, though its declaration does not fit
        Assert.DoesNotContain("_runs", other.Text);     // this file's own members are in the prompt already
    }

    // A static class of 30 rule descriptors (each after its summary, "{i}" its number; then more members), and a class that imports it with
    // using static, the cursor where an array of them starts.
    private static Dictionary<string, string> Descriptors(string summary = "", string more = "") => new()
    {
        ["src/Shop/Diagnostics/Descriptors.cs"] = "namespace Shop.Diagnostics;\n\npublic static class Descriptors\n{\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => summary.Replace("{i}", $"{i}") + $"    public static readonly string Rule{i}Descriptor = \"SHOP{i:000}\";\n"))
            + more + "}\n",
    };

    private static string UsingDescriptorsIn(string className) =>
        $"using static Shop.Diagnostics.Descriptors;\n\nnamespace Shop;\n\nclass {className}\n{{\n    string[] Supported => new[] {{ $0";

    [Fact]
    public async Task At_the_start_of_an_expression_a_using_static_class_names_its_members()
    {
        var stubs = await StubsAt(UsingDescriptorsIn("Analyzer"), options: new SymbolContextOptions { MaxMembersPerType = 4 },
            moreFiles: Descriptors(summary: "    /// <summary>The descriptor of rule number {i} of the shop's analyzers.</summary>\n"));
        var stub = Assert.Single(stubs, s => s.TypeName == "Shop.Diagnostics.Descriptors");
        Assert.Contains("Rule30Descriptor", stub.Text);
    }

    private static readonly Dictionary<string, string> ShippedAttribute = new()
    {
        ["src/Shop/ShippedAttribute.cs"] = """
            namespace Shop.Orders;

            public enum Shipping { Fast, Slow }
            public sealed class ShippedAttribute : System.Attribute
            {
                public ShippedAttribute(Shipping shipping) { }
                public OrderStatus Status { get; set; }
            }
            """,
    };

    [Theory]
    // A positional argument: the constructor's parameter type
    [InlineData("[Shipped($0", "Shop.Orders.Shipping")]
    // A named argument: the attribute's property type
    [InlineData("[Shipped(Shipping.Fast, Status = $0", "Shop.Orders.OrderStatus")]
    public async Task An_attribute_argument_expects_the_attributes_parameter_or_property_type(string attribute, string expected)
    {
        var stubs = await StubsAt(Usings + attribute, moreFiles: ShippedAttribute);
        Assert.NotEmpty(stubs);
        Assert.Equal(expected, stubs[0].TypeName);
        Assert.Equal(SymbolReason.ExpectedType, stubs[0].Reason);
    }

    [Fact]
    public async Task In_typeof_within_an_attribute_the_types_derived_from_the_attributes_namesake_are_expected()
    {
        var converters = new Dictionary<string, string>
        {
            ["src/Shop/Converters.cs"] = """
                namespace Shop.Orders;

                public abstract class PriceConverter { }
                public sealed class PriceConverterAttribute : System.Attribute { public PriceConverterAttribute(System.Type type) { } }
                public sealed class EuroPriceConverter : PriceConverter { }
                """,
        };
        var stubs = await StubsAt(Usings + "public sealed class Invoice\n{\n    [PriceConverter(typeof($0", moreFiles: converters);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.EuroPriceConverter" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task After_new_for_a_var_the_type_the_file_constructs_for_a_variable_of_that_name_is_expected()
    {
        var filler = string.Concat(Enumerable.Range(1, 20).Select(i => $"        int step{i} = {i};\n"));
        var stubs = await StubsAt(Usings + "class CheckoutTests\n{\n    void Sends()\n    {\n        var mailer = new $0\n    }\n\n    void SendsTwice()\n    {\n"
            + filler + "        var mailer = new InvoiceMailer();\n    }\n}\n");
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task At_the_start_of_a_statement_a_name_used_below_and_declared_nowhere_brings_the_types_named_like_it()
    {
        // "mailer" is the local being declared here: InvoiceMailer mailer = …
        var stubs = await StubsAt(Usings + "class Checkout\n{\n    void M()\n    {\n        $0\n        mailer.SendInvoice(1);\n    }\n}\n");
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.ExpectedType);
    }

    [Theory]
    // A field after its modifiers: _mailer is the field being declared
    [InlineData("class Checkout\n{\n    private readonly $0\n\n    public void M() => _mailer.SendInvoice(1);\n}\n")]
    // A member after the type's '{'
    [InlineData("class Checkout\n{\n    $0\n\n    public void M() => this.mailer.SendInvoice(1);\n}\n")]
    // A parameter of a primary constructor
    [InlineData("class Checkout(\n    OrderRepository orders,\n    $0\n    int retries)\n{\n    public void M() => mailer.SendInvoice(retries);\n}\n")]
    // ... where nameof and a setter's value come first (neither is a declared name)
    [InlineData("class Checkout(\n    OrderRepository orders,\n    $0\n    int retries)\n{\n    private object _o = orders ?? throw new System.ArgumentNullException(nameof(orders));\n    public object O { get => _o; set => _o = value; }\n    public void M() => mailer.SendInvoice(retries);\n}\n")]
    // A parameter of a method
    [InlineData("class Checkout\n{\n    public void M(int id, $0\n    {\n        mailer.SendInvoice(id);\n    }\n}\n")]
    public async Task At_the_type_of_a_member_or_parameter_a_name_used_below_and_declared_nowhere_brings_the_types_named_like_it(string code)
    {
        var stubs = await StubsAt(Usings + code);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task A_field_that_a_base_class_declares_is_not_the_name_being_declared()
    {
        var bases = new Dictionary<string, string> { ["src/Shop/CheckoutBase.cs"] = "namespace Shop.Mail;\n\npublic abstract class CheckoutBase { protected object mailer = null!; }\n" };
        var stubs = await StubsAt(Usings + "class Checkout : CheckoutBase\n{\n    private readonly $0\n\n    public void M() => mailer.ToString();\n}\n", moreFiles: bases);
        Assert.DoesNotContain(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.ExpectedType);
    }

    [Theory]
    [InlineData("class Checkout { void M() { var gateways = new IPaymentGateway[] { new $0 } } }")]
    [InlineData("class Checkout { void M() { var gateways = new System.Collections.Generic.List<IPaymentGateway> { new $0 } } }")]
    [InlineData("class Checkout { void M() { System.Collections.Generic.List<IPaymentGateway> gateways = [new $0 } }")]
    public async Task After_new_in_a_collection_initializer_the_element_type_and_its_implementations_are_expected(string code)
    {
        var stubs = await StubsAt(Usings + code);
        Assert.Contains(stubs, s => s.TypeName.EndsWith("IPaymentGateway") && s.Reason == SymbolReason.ExpectedType);
        Assert.Contains(stubs, s => s.TypeName.EndsWith("StripeGateway") && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task An_object_initializer_with_more_members_than_its_stub_shows_names_the_rest()
    {
        var stubs = await StubsAt(Usings + "class Checkout { void M() { var order = new Order { $0 } } }", options: new SymbolContextOptions { MaxMembersPerType = 1 });
        Assert.Equal(SymbolReason.Initialized, stubs[0].Reason);
        Assert.Contains("// also:", stubs[0].Text);
        foreach (var member in new[] { "Id", "Total", "Status" }) Assert.Contains(member, stubs[0].Text);
    }

    [Fact]
    public async Task A_using_inside_a_namespace_imports_the_namespace_it_names_relative_to_it()
    {
        var stubs = await StubsAt("namespace Shop\n{\n    using Mail;\n\n    class Checkout {\n        // send the invoice mail\n        void M() { $0 }\n    }\n}\n");
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer");
    }

    [Fact]
    public async Task An_expected_class_that_others_derive_from_brings_them()
    {
        var discounts = new Dictionary<string, string> { ["src/Shop/Discount.cs"] = "namespace Shop.Orders;\n\npublic class Discount { }\npublic sealed class SeasonalDiscount : Discount { }\n" };
        var stubs = await StubsAt(Usings + "class Checkout { void Apply(Discount d) { } void M() { Apply(new $0 } }", moreFiles: discounts);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.SeasonalDiscount" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task In_a_base_list_a_type_sharing_a_run_of_words_with_the_declared_name_is_a_likely_base()
    {
        var bases = new Dictionary<string, string> { ["src/Shop/Legacy/MultiIndexBase.cs"] = "namespace Shop.Rules;\n\npublic class MultiIndexBase { }\n" };
        var stubs = await StubsAt("namespace Shop.Rules;\n\npublic class MultiIndexSuper : $0", "src/Shop/Rules/MultiIndexSuper.cs", moreFiles: bases);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Rules.MultiIndexBase" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task In_the_class_being_written_the_members_its_other_parts_use_most_are_named_first()
    {
        var parts = new Dictionary<string, string>
        {
            ["src/Shop/Pipeline.cs"] = "namespace Shop.Orders;\n\npublic sealed partial class Pipeline\n{\n"
                + string.Concat(Enumerable.Range(1, 80).Select(i => $"    public void ThrowForStageNumber{i}OutOfRange() {{ }}\n"))
                + "    private static string DescribeValueForTheStageLogOutput(object value) => value.ToString()!;\n}\n",
            ["src/Shop/Pipeline.Log.cs"] = "namespace Shop.Orders;\n\npublic sealed partial class Pipeline\n{\n"
                + string.Concat(Enumerable.Range(1, 5).Select(i => $"    public string Log{i}(object value) => DescribeValueForTheStageLogOutput(value) + DescribeValueForTheStageLogOutput({i});\n")) + "}\n",
        };
        var stubs = await StubsAt("namespace Shop.Orders;\n\npublic sealed partial class Pipeline\n{\n    void Run()\n    {\n        $0",
            "src/Shop/Pipeline.Run.cs", maxChars: 2000, moreFiles: parts);
        var other = Assert.Single(stubs, s => s.TypeName == "Shop.Orders.Pipeline" && s.Path == "src/Shop/Pipeline.cs");
        Assert.DoesNotContain("ThrowForStageNumber80OutOfRange", other.Text); // not all fit
        Assert.Contains("DescribeValueForTheStageLogOutput", other.Text);
    }

    [Fact]
    public async Task Of_the_types_named_like_an_undeclared_local_the_one_with_the_members_used_on_it_comes()
    {
        var mailers = new Dictionary<string, string> { ["src/Shop/Mailers.cs"] = "namespace Shop.Mail;\n\npublic sealed class BulkMailer { }\npublic sealed class AlertMailer { }\n" };
        var stubs = await StubsAt(Usings + "class Checkout\n{\n    void M()\n    {\n        $0\n        mailer.SendInvoice(1);\n    }\n}\n", moreFiles: mailers);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Mail.InvoiceMailer" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task An_expected_type_brings_the_builder_named_after_it_that_makes_it()
    {
        var receipts = new Dictionary<string, string>
        {
            ["src/Shop/Receipt.cs"] = "namespace Shop.Orders;\n\npublic sealed class Receipt { }\npublic sealed class ReceiptBuilder { public Receipt Build() => new(); }\npublic sealed class ReceiptPrinter { }\n",
        };
        var stubs = await StubsAt(Usings + "class Checkout { void M() { Receipt receipt = new $0 } }", moreFiles: receipts);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.ReceiptBuilder" && s.Reason == SymbolReason.ExpectedType);
        Assert.DoesNotContain(stubs, s => s.TypeName == "Shop.Orders.ReceiptPrinter" && s.Reason == SymbolReason.ExpectedType);
    }

    [Theory]
    [InlineData("class Checkout { void M(int id) { throw new $0 } }")]
    [InlineData("class Checkout { object M(int id) => id > 0 ? id : throw new $0 }")]
    public async Task After_throw_the_repositorys_exceptions_in_scope_are_expected(string code)
    {
        var exceptions = new Dictionary<string, string> { ["src/Shop/OrderNotFoundException.cs"] = "namespace Shop.Orders;\n\npublic sealed class OrderNotFoundException : System.Exception { }\n" };
        var stubs = await StubsAt(Usings + code, moreFiles: exceptions);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.OrderNotFoundException" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task After_a_type_name_its_nested_types_are_named_where_they_are_declared()
    {
        var pricing = new Dictionary<string, string>
        {
            ["src/Shop/Pricing.cs"] = "namespace Shop.Orders;\n\npublic static partial class Pricing\n{\n    public static int Base => 0;\n}\n",
            ["src/Shop/Pricing.Rules.cs"] = "namespace Shop.Orders;\n\npublic static partial class Pricing\n{\n    public static class Rules { public static int Max => 1; }\n}\n",
        };
        var stubs = await StubsAt(Usings + "class Checkout { void M() { var x = Pricing.$0 } }", moreFiles: pricing);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.Pricing" && s.Path == "src/Shop/Pricing.Rules.cs" && s.Text.Contains("Rules"));
    }

    [Fact]
    public async Task After_equals_the_type_whose_static_member_other_files_assign_to_a_variable_of_that_name_is_expected()
    {
        var files = new Dictionary<string, string> { ["src/Shop/ContextPool.cs"] = "namespace Shop.Orders;\n\npublic static class ContextPool { public static object Shared => new(); }\n" };
        foreach (var user in new[] { "Packer", "Shipper" })
            files[$"src/Shop/Users/{user}.cs"] = $"namespace Shop.Orders;\n\nclass {user} {{ void M() {{ var context = ContextPool.Shared; }} }}\n";
        var stubs = await StubsAt(Usings + "class Checkout { void M() { var context = $0 } }", moreFiles: files);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.ContextPool" && s.Reason == SymbolReason.ExpectedType);
    }

    [Theory]
    // The line is cut at the cursor: what follows parses as a member access on a missing name.
    [InlineData("class Checkout { void M() { var context = $0\n            .ToString(); } }")]
    [InlineData("class Checkout { void M() { Registry.Resolve<$0\n            .ToString(); } }")]
    public async Task A_cursor_before_a_line_that_continues_a_missing_expression_still_gets_stubs(string code)
    {
        var stubs = await StubsAt(Usings + code);
        Assert.NotEmpty(stubs);
    }

    [Fact]
    public async Task After_a_null_coalescing_operator_the_left_sides_type_is_expected()
    {
        var stubs = await StubsAt(Usings + "class Checkout { IPaymentGateway? _gateway; IPaymentGateway Gateway => _gateway ?? $0 }");
        Assert.Contains(stubs, s => s.TypeName.EndsWith("StripeGateway") && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task Where_a_member_is_declared_what_other_files_set_the_classs_members_to_is_expected()
    {
        var files = new Dictionary<string, string>
        {
            ["src/Shop/Shipping/ShippingLabel.cs"] = "namespace Shop.Orders;\n\npublic sealed class ShippingLabel { }\n",
            ["src/Shop/Shipping/Carrier.cs"] = "namespace Shop.Orders;\n\npublic enum Carrier { Post, Courier }\n",
            ["src/Shop/Users/Packer.cs"] = "namespace Shop.Orders;\n\nclass Packer { object M() => new Shipment { Label = new ShippingLabel(), By = Carrier.Post }; }\n",
        };
        var stubs = await StubsAt("namespace Shop.Orders;\n\npublic class Shipment\n{\n    public $0\n}\n", "src/Shop/Shipment.cs", moreFiles: files);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.ShippingLabel" && s.Reason == SymbolReason.ExpectedType);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Orders.Carrier" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task Of_many_implementations_the_one_declared_beside_the_file_is_among_those_expected()
    {
        var files = new Dictionary<string, string> { ["src/Shop/Handlers/LocalGateway.cs"] = "namespace Shop.Payments;\n\npublic sealed class LocalGateway : IPaymentGateway { }\n" };
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
            files[$"src/Shop/Payments/{name}Gateway.cs"] = $"namespace Shop.Payments;\n\npublic sealed class {name}Gateway : IPaymentGateway {{ }}\n";
        var stubs = await StubsAt(Usings + "class Refunds { void M() { IPaymentGateway gateway = new $0 } }", "src/Shop/Handlers/Refunds.cs", moreFiles: files);
        Assert.Contains(stubs, s => s.TypeName == "Shop.Payments.LocalGateway" && s.Reason == SymbolReason.ExpectedType);
    }

    [Fact]
    public async Task At_the_start_of_a_statement_a_static_helper_the_file_names_far_below_ranks_as_a_helper()
    {
        var filler = string.Concat(Enumerable.Range(1, 20).Select(i => $"    public int Field{i};\n"));
        var stubs = await StubsAt("namespace Shop.Handlers;\n\npublic sealed class Auditor\n{\n    public void Audit(object order)\n    {\n        $0\n    }\n"
            + filler + "    public object Check(object order) => Guard.NotNull(order);\n}\n", "src/Shop/Handlers/Auditor.cs");
        var guard = Assert.Single(stubs, s => s.TypeName == "Shop.Guard");
        Assert.Equal(SymbolReason.CoUsed, guard.Reason); // not only "named somewhere in the file"
    }

    [Fact]
    public async Task Names_that_share_words_with_the_code_around_the_cursor_are_named_first()
    {
        var stubs = await StubsAt(UsingDescriptorsIn("RefundAnalyzer"), options: new SymbolContextOptions { MaxMembersPerType = 1 }, maxChars: 4000,
            moreFiles: Descriptors(more: "    public static readonly string RefundMissingDescriptor = \"SHOP100\";\n    public static readonly string RefundLateDescriptor = \"SHOP101\";\n"));
        var stub = Assert.Single(stubs, s => s.TypeName == "Shop.Diagnostics.Descriptors");
        Assert.Contains("RefundMissingDescriptor", stub.Text);
        Assert.Contains("RefundLateDescriptor", stub.Text);
        Assert.DoesNotContain("Rule30Descriptor", stub.Text); // not all fit
    }

    [Fact]
    public async Task A_receivers_own_extension_methods_come_before_those_of_its_interfaces_and_its_type_arguments()
    {
        var queries = new Dictionary<string, string>
        {
            ["src/Shop/Queries/Query.cs"] = """
                namespace Shop.Queries;

                public interface IQuery<T> { }
                public interface IQueryOptions<T> : IQuery<T> { }
                """,
            ["src/Shop/Queries/AQueryExtensions.cs"] = """
                namespace Shop.Queries;

                public static class AQueryExtensions
                {
                    public static IQueryOptions<T> Where<T>(this IQuery<T> query) => null!;
                }
                """,
            ["src/Shop/Queries/QueryOptionsExtensions.cs"] = """
                namespace Shop.Queries;

                public static class QueryOptionsExtensions
                {
                    public static IQueryOptions<T> WithName<T>(this IQueryOptions<T> options, string name) => options;
                }
                """,
        };
        var stubs = (await StubsAt("using Shop.Orders;\nusing Shop.Queries;\n\nnamespace Shop;\n\nclass Checkout { void M(IQueryOptions<Order> orders) { orders.$0 } }",
            moreFiles: queries)).Select(s => s.TypeName).ToList();
        int own = stubs.IndexOf("Shop.Queries.QueryOptionsExtensions"), inherited = stubs.IndexOf("Shop.Queries.AQueryExtensions"), argument = stubs.IndexOf("Shop.Orders.Order");
        Assert.True(own >= 0 && inherited >= 0 && argument >= 0, string.Join(", ", stubs));
        Assert.True(own < inherited, string.Join(", ", stubs));
        Assert.True(own < argument, string.Join(", ", stubs));
    }

    [Fact]
    public async Task An_edit_to_another_file_shows_in_the_next_request()
    {
        var fixture = Usings + "class Checkout { void M(OrderRepository repository) { repository.$0 } }";
        var (prefix, suffix) = Cursor.Split(fixture);
        var files = new Dictionary<string, string>(Repository) { ["src/Shop/Checkout.cs"] = prefix + suffix };
        var workspace = ShopWorkspace(files);
        var context = new CSharpSymbolContext(workspace);
        var before = await context.CollectAsync("src/Shop/Checkout.cs", prefix + suffix, prefix.Length, CancellationToken.None);
        Assert.DoesNotContain("Archive", before[0].Text);

        workspace.UpdateDocument("src/Shop/OrderRepository.cs", Repository["src/Shop/OrderRepository.cs"].Replace("public void Save(Order order) { }", "public void Save(Order order) { }\n    public void Archive(Order order) { }"));
        var after = await context.CollectAsync("src/Shop/Checkout.cs", prefix + suffix, prefix.Length, CancellationToken.None);
        Assert.Contains("public void Archive(Order order);", after[0].Text);
    }

    [Theory]
    // Typed into a method body (bound speculatively against the compilation of the saved text)
    [InlineData("class Checkout { void M(OrderRepository repository) { var total = 0m; $0 } }", "repository.FindAsync(1).Result.")]
    [InlineData("class Checkout { void M() { $0 } }", "Order order = new ")]
    [InlineData("class Checkout { void M(OrderRepository r) { $0 } }", "r.Save(")]
    [InlineData("class Checkout { Order Current { get { $0 } } }", "return ")]
    [InlineData("class Checkout { Order Make() => $0; }", "new Order { ")]
    // Typed where a fork binds it: a member's type, a base list
    [InlineData("class Checkout { $0 }", "private readonly OrderRepository _repository; public ")]
    [InlineData("class Checkout $0 { }", ": ")]
    public async Task A_keystroke_gets_the_stubs_it_would_get_if_its_text_were_saved(string savedFixture, string typed)
    {
        var (savedPrefix, savedSuffix) = Cursor.Split(savedFixture);
        var typedFixture = Usings + savedPrefix + typed + "$0" + savedSuffix;
        static string Describe(IEnumerable<TypeStub> stubs) => string.Join("\n---\n", stubs.Select(s => $"{s.TypeName} {s.Reason} {s.Path}\n{s.Text}"));

        var asSaved = await StubsAt(typedFixture);
        var asTyped = await StubsAt(typedFixture, saved: Usings + savedPrefix + savedSuffix);

        Assert.NotEmpty(asSaved);
        Assert.Equal(Describe(asSaved), Describe(asTyped));
    }

    // A file with most kinds of body: methods, an accessor, expression bodies, a lambda, a local function, initializers.
    private const string ManyBodies = Usings + """
        public sealed class Checkout(OrderRepository repository, IPaymentGateway gateway)
        {
            private readonly InvoiceMailer _mailer = new();

            public Order? Current { get { return repository.FindAsync(1).Result; } }

            public bool Pay(Order order)
            {
                var paid = gateway.Charge(order.Total);
                if (paid) { order.Status = OrderStatus.Paid; repository.Save(order); }
                Func<Order, bool> large = o => o.IsLarge();
                int Count(Order o) => o.Id;
                return paid && large(order) && Count(order) > 0;
            }

            public Order Copy(Order order) => new Order { Id = order.Id, Total = order.Total };

            public void Mail(Order order) => _mailer.SendInvoice(Guard.NotNull(order).Id);
        }
        """;

    [Fact]
    public async Task At_every_word_of_every_body_a_cut_line_gets_the_stubs_it_would_get_saved()
    {
        // As the context bench does it: the rest of the line after the cursor is cut. Bound against the saved file
        // (speculatively, or in a fork when the cut unbalances a bracket), the stubs must be those of the cut text saved.
        var full = ManyBodies;
        var saved = new Dictionary<string, string>(Repository) { ["src/Shop/Checkout.cs"] = full };
        var typing = new CSharpSymbolContext(ShopWorkspace(saved));
        var cursors = Regex.Matches(full, @"(?<=[\s(.!{=])\w").Select(m => m.Index)
            .Where(i => full.LastIndexOf("Current", i, StringComparison.Ordinal) > 0 && i < full.LastIndexOf('}')).ToList();
        Assert.True(cursors.Count > 60, $"{cursors.Count} cursors");
        foreach (var cursor in cursors)
        {
            int lineEnd = full.IndexOf('\n', cursor);
            var cut = full[..cursor] + full[lineEnd..];
            var typed = await typing.CollectAsync("src/Shop/Checkout.cs", cut, cursor, CancellationToken.None);
            var asSaved = await StubsAt(full[..cursor] + "$0" + full[lineEnd..]);
            Assert.True(asSaved.Select(s => (s.TypeName, s.Reason, s.Text)).SequenceEqual(typed.Select(s => (s.TypeName, s.Reason, s.Text))),
                $"at {full[..cursor].Split('\n')[^1].Trim()}|: saved {string.Join(", ", asSaved.Select(s => s.TypeName))}; typed {string.Join(", ", typed.Select(s => s.TypeName))}");
        }
        Assert.True(typing.Bindings.Speculative > cursors.Count / 2, $"{typing.Bindings.Speculative} of {cursors.Count} speculative, {typing.Bindings.Forked} forked");
    }

    [Fact]
    public async Task After_a_request_that_forks_the_next_keystrokes_bind_speculatively_against_its_fork()
    {
        // Saved: two methods. Typed since: a line in each (two bodies differ: a fork), then more in the second.
        const string saved = Usings + "class Checkout\n{\n    void A() { }\n    void B(OrderRepository r) { }\n}\n";
        string Typed(string inB) => saved.Replace("void A() { }", "void A() { var n = 1; }").Replace("void B(OrderRepository r) { }", "void B(OrderRepository r) { " + inB + " }");
        var files = new Dictionary<string, string>(Repository) { ["src/Shop/Checkout.cs"] = saved };
        var context = new CSharpSymbolContext(ShopWorkspace(files));
        async Task<IReadOnlyList<TypeStub>> At(CSharpSymbolContext c, string text, string before) =>
            await c.CollectAsync("src/Shop/Checkout.cs", text, text.IndexOf(before, StringComparison.Ordinal) + before.Length, CancellationToken.None);

        await At(context, Typed("r."), "r.");
        Assert.Equal((0, 0, 1), (context.Bindings.AsSaved, context.Bindings.Speculative, context.Bindings.Forked));
        var next = await At(context, Typed("r.Save("), "r.Save(");
        Assert.Equal((0, 1, 1), (context.Bindings.AsSaved, context.Bindings.Speculative, context.Bindings.Forked));

        // The same stubs as with that text saved.
        files["src/Shop/Checkout.cs"] = Typed("r.Save(");
        var asSaved = new CSharpSymbolContext(ShopWorkspace(files));
        var expected = await At(asSaved, Typed("r.Save("), "r.Save(");
        Assert.Equal(1, asSaved.Bindings.AsSaved);
        Assert.Contains(next, s => s.TypeName == "Shop.Orders.Order");
        Assert.Equal(expected.Select(s => (s.TypeName, s.Reason, s.Text)), next.Select(s => (s.TypeName, s.Reason, s.Text)));
    }

    [Fact]
    public async Task An_editors_keystroke_in_a_body_binds_speculatively_against_the_catalog()
    {
        // As the server does it: the edit goes into the workspace (didChange), then the request asks with the same text.
        const string saved = Usings + "class Checkout\n{\n    void B(OrderRepository r) { }\n}\n";
        var files = new Dictionary<string, string>(Repository) { ["src/Shop/Checkout.cs"] = saved };
        var workspace = ShopWorkspace(files);
        var context = new CSharpSymbolContext(workspace);
        await context.CollectAsync("src/Shop/Checkout.cs", saved, saved.IndexOf("{ }", StringComparison.Ordinal) + 1, CancellationToken.None);

        foreach (var typed in new[] { "r", "r.", "r.S", "r.Sa" })
        {
            var text = saved.Replace("void B(OrderRepository r) { }", "void B(OrderRepository r) { " + typed + " }");
            workspace.UpdateDocument("src/Shop/Checkout.cs", text);
            var stubs = await context.CollectAsync("src/Shop/Checkout.cs", text, text.IndexOf(typed + " }", StringComparison.Ordinal) + typed.Length, CancellationToken.None);
            Assert.Equal("Shop.Orders.OrderRepository", stubs[0].TypeName);
        }
        Assert.Equal((1, 4, 0), (context.Bindings.AsSaved, context.Bindings.Speculative, context.Bindings.Forked));
    }

    [Fact]
    public async Task Files_that_are_not_csharp_get_no_symbols()
    {
        var workspace = ShopWorkspace(Repository);
        Assert.Empty(await new CSharpSymbolContext(workspace).CollectAsync("README.md", "Order", 5, CancellationToken.None));
    }
}
