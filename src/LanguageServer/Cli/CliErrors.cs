using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Gguf;

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
    /// Loads the model for a command; when it cannot be used, writes the one-line reason (see <see cref="Unusable"/>)
    /// and returns null: the command then exits with <see cref="UnusableModel"/>.
    /// </summary>
    public static async Task<LocalCompletionService?> TryLoadModelAsync(string modelPath, LocalEngineSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalCompletionService.LoadAsync(modelPath, settings, cancellationToken);
        }
        catch (Exception e) when (e is ModelLacksFimException or InvalidModelFileException)
        {
            Unusable(e);
            return null;
        }
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
