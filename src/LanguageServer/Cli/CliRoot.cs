using System.CommandLine;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>The `llamacode` command line: one command per file in this folder.</summary>
public static class CliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("LlamaCode: code completion from a local Code Llama (or other fill-in-the-middle) model, as a language server and a CLI.");
        root.Subcommands.Add(CompleteCommand.Build());
        root.Subcommands.Add(ExplainCommand.Build());
        root.Subcommands.Add(PromptCommand.Build());
        root.Subcommands.Add(ReviewCommand.Build());
        root.Subcommands.Add(ModelsCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(ProbeModelCommand.Build());
        VersionOutput.Install(root);
        return root;
    }
}
