namespace LlamaCode.Completion.CSharp;

/// <summary>Finds the <c>dotnet</c> executable the way the SDK's tools do (DOTNET_ROOT, then PATH), without running it.</summary>
public static class DotnetHost
{
    public static string? Find()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) folders.Add(root);
        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }
}
