using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using LlamaCode.Engine.Native;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>`llamacode --version`: this build's version, and which llama.cpp its natives are.</summary>
internal sealed class VersionOutput : SynchronousCommandLineAction
{
    /// <summary>Replaces the root's built-in --version action (which prints the assembly version only).</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>()) option.Action = new VersionOutput();
    }

    public override int Invoke(ParseResult parseResult)
    {
        Console.Out.Write(Text(ProductVersion(), NativeBuildInfo.Read()));
        return 0;
    }

    public static string ProductVersion() =>
        typeof(VersionOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Two lines: "llamacode VERSION" and the llama.cpp release, ggml version and where the natives are.</summary>
    public static string Text(string version, NativeBuildInfo natives)
    {
        var release = natives.LlamaCppRelease is { } r ? $"llama.cpp {r}" : "llama.cpp (release unknown: no build metadata beside the natives)";
        var ggml = natives.GgmlVersion is { } g ? $"ggml {g} (commit {natives.GgmlCommit})" : $"natives not loadable: {natives.Problem}";
        var origin = natives.LlamaCppRelease is null ? "" :
            $", {natives.Platform}{(natives.Flavor is { } f ? $" {f}" : "")} natives of node-llama-cpp {natives.PinnedPackageVersion}";
        return $"llamacode {version}\n{release}, {ggml}{origin}, in {natives.NativeDirectory}\n";
    }
}
