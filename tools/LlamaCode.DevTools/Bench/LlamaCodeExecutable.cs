namespace LlamaCode.DevTools.Bench;

/// <summary>The product's `llamacode` executable, which the benchmarks start as `serve` children.</summary>
public static class LlamaCodeExecutable
{
    /// <summary>The one built beside llamacode-dev (the project reference puts it there), as in the tests' output folders.</summary>
    public static string Path { get; } =
        System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "llamacode.exe" : "llamacode");
}
