using System.CommandLine;

namespace LlamaCode.DevTools.Cli;

/// <summary>The `llamacode-dev` command line: tools for developing LlamaCode itself, never shipped.</summary>
public static class DevCliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("llamacode-dev: benchmarks and generated models for developing LlamaCode (never shipped; the product is `llamacode`).");
        root.Subcommands.Add(BenchCommand.Build());
        foreach (var command in ModelCommands.Build()) root.Subcommands.Add(command);
        return root;
    }
}
