using System.Text.Json;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>Exit codes and error output shared by the commands.</summary>
internal static class CliErrors
{
    public const int UnusableModel = 1;
    public const int BadUsage = 2;

    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    /// <summary>A one-line reason on stderr, exit code 2.</summary>
    public static int Usage(string reason)
    {
        Console.Error.WriteLine($"llamacode: {reason}");
        return BadUsage;
    }

    /// <summary>
    /// A model file the command cannot use (not a valid GGUF, or no fill-in-the-middle tokens): the exception's
    /// one-line reason on stderr, without a stack trace, exit code 1.
    /// </summary>
    public static int Unusable(Exception error)
    {
        Console.Error.WriteLine($"llamacode: {error.Message}");
        return UnusableModel;
    }
}
