using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Handlers;
using LlamaCode.LanguageServer.Protocol;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Server;

/// <summary>How `llamacode serve` starts.</summary>
public sealed record LanguageServerOptions
{
    public string? ModelPath { get; init; }
    public string? LogFile { get; init; }
    public ServerLogLevel LogLevel { get; init; } = ServerLogLevel.Info;
    public ICompletionBackend Backend { get; init; } = new LocalCompletionBackend();
    /// <summary>Remote backend settings from the command line (settings from the client override them).</summary>
    public ServerSettings? Remote { get; init; }
    public TextWriter? Stderr { get; init; }
}

/// <summary>The language server over a pair of streams (stdin/stdout for `llamacode serve`).</summary>
public static class LanguageServerHost
{
    public static JsonSerializerOptions SerializerOptions(JsonSerializerOptions options) => ProtocolJson.Configure(options);

    /// <summary>How long an exit waits for the model to be freed (the engine stops at once; a load may be under way).</summary>
    private static readonly TimeSpan ExitCleanupLimit = TimeSpan.FromSeconds(5);

    /// <summary>Serves until exit (0 after shutdown, 1 otherwise), the end of the input, or a dead parent process.</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, LanguageServerOptions options, CancellationToken cancellationToken = default)
    {
        using var log = new ServerLog(options.Stderr ?? Console.Error, options.LogFile, options.LogLevel);
        var clean = new Pipe();
        var protocolOut = new FrameAtomicStream(output);
        var formatter = new SystemTextJsonFormatter();
        SerializerOptions(formatter.JsonSerializerOptions);
        var messages = new OwnResponsesOnlyHandler(PipeWriter.Create(protocolOut), clean.Reader, formatter, stray => log.Warn($"dropped {stray}"));
        using var rpc = new LspJsonRpc(messages)
        {
            // Handlers start one at a time, in the order their messages arrived: a document notification is applied
            // before a later request reads the document (Roslyn's ordering). Async handlers yield at their awaits.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var client = new ClientChannel(rpc);
        var models = new ModelHost(options.Backend, client, log);
        var state = new ServerState(log, client, models) { Settings = (options.Remote ?? new ServerSettings()) with { ModelPath = options.ModelPath, LogLevel = options.LogLevel } };
        var parentGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        foreach (var handler in Handlers(state, pid => WatchParent(pid, parentGone, log)))
            rpc.AddLocalRpcTarget(handler, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        log.Client = (level, message) =>
        {
            if (state.Lifecycle.Initialized) _ = client.LogAsync(ProtocolConversions.ToMessageType(level), message);
        };

        // Runs until the input ends; its end completes the pipe, which ends the connection.
        _ = MessageFraming.PumpAsync(input, clean.Writer, problem => log.Error($"malformed message: {problem}"),
            response => protocolOut.WriteWholeAsync(response, CancellationToken.None), cancellationToken);
        rpc.StartListening();
        log.Info($"llamacode language server started (pid {Environment.ProcessId})");

        var ended = await Task.WhenAny(state.Lifecycle.Exited, rpc.Completion, parentGone.Task, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        var exitCode = ended == state.Lifecycle.Exited ? await state.Lifecycle.Exited.ConfigureAwait(false) : 1;
        log.Info(ended == parentGone.Task ? "the parent process is gone: exiting" : $"exiting with code {exitCode}");
        log.Client = null;
        // An exit is not held up by the model: if requests still hold it after the limit, the process ends without freeing it.
        var freeing = models.DisposeAsync().AsTask();
        if (await Task.WhenAny(freeing, Task.Delay(ExitCleanupLimit)).ConfigureAwait(false) != freeing)
            log.Warn($"the model was still in use {ExitCleanupLimit.TotalSeconds:F0} s after exit began: exiting without freeing it");
        rpc.Dispose();
        return exitCode;
    }

    private static IEnumerable<object> Handlers(ServerState state, Action<int> watchParent) =>
    [
        new InitializeHandler(state, watchParent), new InitializedHandler(state), new ShutdownHandler(state), new ExitHandler(state),
        new DidOpenHandler(state), new DidChangeHandler(state), new DidCloseHandler(state), new DidSaveHandler(state), new DidChangeWatchedFilesHandler(state),
        new DidChangeConfigurationHandler(state), new InlineCompletionHandler(state), new CodeActionHandler(state), new ExecuteCommandHandler(state), new StatsHandler(state), new LastPromptHandler(state),
        new ModelsHandler(state),
    ];

    /// <summary>LSP: the server exits when the process that started it dies.</summary>
    private static void WatchParent(int pid, TaskCompletionSource gone, ServerLog log) => _ = Task.Run(async () =>
    {
        while (true)
        {
            try
            {
                using var parent = Process.GetProcessById(pid);
                if (parent.HasExited) break;
            }
            catch (ArgumentException)
            {
                break;
            }
            catch (InvalidOperationException)
            {
                break;
            }
            await Task.Delay(1000).ConfigureAwait(false);
        }
        log.Warn($"parent process {pid} is gone");
        gone.TrySetResult();
    });
}
