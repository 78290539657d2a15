using System.Reflection;

namespace LlamaCode.LanguageServer.Tests;

/// <summary>
/// Dependencies flow one way: LanguageServer → Review → Completion → Engine; native and protocol types stay in their
/// layer; the product never references the development tools (tools/: the model generator, llamacode-dev).
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Engine = typeof(LlamaCode.Engine.Model.Token).Assembly;
    private static readonly Assembly Completion = typeof(LlamaCode.Completion.ICompletionService).Assembly;
    private static readonly Assembly Review = typeof(LlamaCode.Review.ReviewRunner).Assembly;
    private static readonly Assembly Server = typeof(LlamaCode.LanguageServer.Cli.CliRoot).Assembly;

    [Theory]
    [InlineData("LlamaCode.Engine", new[] { "LlamaCode.Completion", "LlamaCode.Review", "llamacode", "StreamJsonRpc", "System.CommandLine", "LlamaCode.ModelGenerator", "llamacode-dev" })]
    [InlineData("LlamaCode.Completion", new[] { "LlamaCode.Review", "LibGit2Sharp", "llamacode", "StreamJsonRpc", "System.CommandLine", "LlamaCode.ModelGenerator", "llamacode-dev" })]
    [InlineData("LlamaCode.Review", new[] { "llamacode", "StreamJsonRpc", "System.CommandLine", "LlamaCode.ModelGenerator", "llamacode-dev" })]
    [InlineData("llamacode", new[] { "LlamaCode.ModelGenerator", "llamacode-dev" })]
    public void A_lower_layer_does_not_reference_a_higher_one(string assembly, string[] forbidden)
    {
        var asm = new[] { Engine, Completion, Review, Server }.Single(a => a.GetName().Name == assembly);
        var references = asm.GetReferencedAssemblies().Select(r => r.Name).ToHashSet();
        Assert.Empty(forbidden.Where(references.Contains));
    }

    [Fact]
    public void Each_layer_references_the_one_below()
    {
        Assert.Contains("LlamaCode.Engine", Completion.GetReferencedAssemblies().Select(r => r.Name));
        Assert.Contains("LlamaCode.Completion", Review.GetReferencedAssemblies().Select(r => r.Name));
        Assert.Contains("LlamaCode.Review", Server.GetReferencedAssemblies().Select(r => r.Name));
    }

    [Fact]
    public void Native_types_are_not_public()
    {
        var leaked = Engine.GetExportedTypes()
            .Where(t => t.Namespace == "LlamaCode.Engine.Native")
            .Where(t => t.Name.StartsWith("Llama", StringComparison.Ordinal) || t.Name.StartsWith("Safe", StringComparison.Ordinal))
            .Select(t => t.FullName);
        Assert.Empty(leaked);
    }

    [Fact]
    public void No_public_api_outside_the_server_exposes_a_native_handle()
    {
        var exposed = Engine.GetExportedTypes().Concat(Completion.GetExportedTypes())
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => MemberTypes(m).Any(x => x == typeof(IntPtr) || typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(x)))
            .Select(m => $"{m.DeclaringType}.{m.Name}");
        Assert.Empty(exposed);
    }

    private static IEnumerable<Type> MemberTypes(MemberInfo m) => m switch
    {
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        MethodInfo mi => mi.GetParameters().Select(p => p.ParameterType).Append(mi.ReturnType),
        _ => [],
    };
}
