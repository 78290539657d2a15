using System.Text.Json;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>Exit codes and error output shared by the commands.</summary>
internal static class CliErrors
{
    public const int BadUsage = 2;

    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    /// <summary>A one-line reason on stderr, exit code 2.</summary>
    public static int Usage(string reason)
    {
        Console.Error.WriteLine($"llamacode: {reason}");
        return BadUsage;
    }
}
