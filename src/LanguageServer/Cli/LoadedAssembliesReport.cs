namespace LlamaCode.LanguageServer.Cli;

/// <summary>
/// A hidden diagnostic: with LLAMACODE_LOADED_ASSEMBLIES_FILE set, the process writes the names of the assemblies it
/// loaded into that file when it exits, one a line. The tests read it to show that serve and complete never load the
/// review assembly (nor LibGit2Sharp), which only the review command's action uses.
/// </summary>
internal static class LoadedAssembliesReport
{
    public const string Variable = "LLAMACODE_LOADED_ASSEMBLIES_FILE";

    public static void InstallFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "?").Order(StringComparer.Ordinal));
    }
}
