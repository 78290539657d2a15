using System.Diagnostics;
using System.Text.Json;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.DevTools.Bench;

/// <summary>A `llamacode serve` child process and a JSON-RPC client connected to it over its stdio.</summary>
public sealed class ServerProcess : IDisposable
{
    public Process Process { get; }
    public JsonRpc Rpc { get; }

    private ServerProcess(Process process, JsonRpc rpc)
    {
        Process = process;
        Rpc = rpc;
    }

    /// <summary>
    /// Starts <paramref name="executable"/> (a `llamacode` binary) with `serve --model`, and initializes it, naming
    /// <paramref name="parentProcessId"/> (this process by default) as the process whose death ends the server.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string executable, string model, object? initializationOptions = null,
        int? parentProcessId = null, Action<int, string>? onShowMessage = null, string? rootUri = null,
        Action<JsonElement, JsonElement>? onProgress = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        // An empty model: none (a remote backend without a local vocabulary).
        foreach (var a in model.Length > 0 ? new[] { "serve", "--model", model, "--log-level", "Warning" } : ["serve", "--log-level", "Warning"]) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        var formatter = new SystemTextJsonFormatter();
        LanguageServerHost.SerializerOptions(formatter.JsonSerializerOptions);
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
        // Parameter names matter: StreamJsonRpc binds the notification's named parameters to them.
        rpc.AddLocalRpcMethod("window/logMessage", new Action<int, string>((type, message) => { }));
        rpc.AddLocalRpcMethod("window/showMessage", new Action<int, string>((type, message) => onShowMessage?.Invoke(type, message)));
        rpc.AddLocalRpcMethod("window/workDoneProgress/create", new Func<JsonElement, object?>(token => null));
        rpc.AddLocalRpcMethod("$/progress", new Action<JsonElement, JsonElement>((token, value) => onProgress?.Invoke(token, value)));
        rpc.StartListening();
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            processId = parentProcessId ?? Environment.ProcessId, rootUri, initializationOptions,
            // Work-done progress only for a caller that listens to it.
            capabilities = onProgress is null ? new object() : new { window = new { workDoneProgress = true } },
        });
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return new ServerProcess(process, rpc);
    }

    /// <summary>Resident memory of the server process, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    public async Task<int> ShutdownAsync()
    {
        await Rpc.InvokeWithParameterObjectAsync<JsonElement?>("shutdown");
        await Rpc.NotifyWithParameterObjectAsync("exit");
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return Process.ExitCode;
    }

    public void Dispose()
    {
        Rpc.Dispose();
        if (!Process.HasExited) Process.Kill();
        Process.Dispose();
    }
}
