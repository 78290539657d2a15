using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Inference;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>Exit codes and error output shared by the commands (also llamacode-dev's benchmarks).</summary>
public static class CliErrors
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
    /// Loads the model for a command, through the managed checks and (on a file's first load) the probe child; when it
    /// cannot be used (refused by a check, crashed or hung the probe, no fill-in-the-middle tokens), writes the one-line
    /// reason on stderr and returns null: the command then exits with <see cref="UnusableModel"/>.
    /// </summary>
    public static async Task<LocalCompletionService?> TryLoadModelAsync(string modelPath, LocalEngineSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalCompletionService.LoadAsync(modelPath, settings with { Probe = settings.Probe ?? ProbeModelCommand.ForThisProcess() }, cancellationToken);
        }
        catch (Exception e) when (e is ModelLacksFimException or InvalidModelFileException)
        {
            Console.Error.WriteLine($"llamacode: {e.Message}"); // the reason in one line, without a stack trace
            return null;
        }
    }

    /// <summary>A model that failed during generation (non-finite logits): the reason in one line, exit code <see cref="UnusableModel"/>.</summary>
    public static int Unusable(string modelPath, ModelUnusableException e)
    {
        Console.Error.WriteLine($"llamacode: {modelPath}: {e.Message}");
        return UnusableModel;
    }
    /// <summary>
    /// The service of a command: the local model at <paramref name="modelPath"/>, or with <paramref name="remote"/> the
    /// server it names (whose vocabulary, when a local copy is given, is loaded alone). Null after a one-line reason.
    /// </summary>
    public static async Task<LocalCompletionService?> TryLoadAsync(string? modelPath, LocalEngineSettings settings, RemoteSettings? remote, CancellationToken cancellationToken)
    {
        if (remote is null) return await TryLoadModelAsync(modelPath!, settings, cancellationToken);
        try
        {
            return new LocalCompletionService(await RemoteGenerationBackend.ConnectAsync(remote, note => Console.Error.WriteLine($"llamacode: {note}"), cancellationToken));
        }
        catch (Exception e) when (e is ModelLacksFimException or InvalidModelFileException)
        {
            Console.Error.WriteLine($"llamacode: {e.Message}");
            return null;
        }
    }

    /// <summary>A remote failure in one line on stderr (exit code <see cref="RemoteFailed"/>).</summary>
    public static int Remote(RemoteBackendException e)
    {
        Console.Error.WriteLine($"llamacode: {e.Message}");
        return RemoteFailed;
    }

    public const int RemoteFailed = 3;
}
