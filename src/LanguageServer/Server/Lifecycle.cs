using LlamaCode.LanguageServer.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>initialize → initialized → shutdown → exit, and which requests each state accepts.</summary>
public sealed class Lifecycle
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Initialized { get; private set; }
    public bool ShutDown { get; private set; }

    /// <summary>Completes with the process exit code: 0 after shutdown, 1 without.</summary>
    public Task<int> Exited => _exit.Task;

    public void MarkInitialized()
    {
        if (Initialized) throw Error(ErrorCodes.InvalidRequest, "initialize was already called");
        Initialized = true;
    }

    public void MarkShutDown() => ShutDown = true;

    public void Exit() => _exit.TrySetResult(ShutDown ? 0 : 1);

    /// <summary>Throws the LSP error for a request the current state does not accept.</summary>
    public void EnsureRequestAllowed()
    {
        if (!Initialized) throw Error(ErrorCodes.ServerNotInitialized, "the server is not initialized");
        if (ShutDown) throw Error(ErrorCodes.InvalidRequest, "the server is shut down");
    }

    /// <summary>Notifications other than exit are dropped before initialize and after shutdown.</summary>
    public bool NotificationAllowed => Initialized && !ShutDown;

    public static LocalRpcException Error(int code, string message) => new(message) { ErrorCode = code, ErrorData = null };
}
