using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace LlamaCode.LanguageServer.Tests.Remote;

/// <summary>
/// A real llama-server, built from the pinned llama.cpp source by scripts/build-llama-server.sh (once, cached; the
/// script waits on a build under way), serving a generated model on a loopback port.
/// </summary>
public sealed class LlamaServerProcess : IAsyncDisposable
{
    /// <summary>How long a model load may take on a loaded 2-core CI machine.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> Binary = new(BuildOrFind);
    private readonly Process _process;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Endpoint { get; }
    public int Port => Endpoint.Port;

    private LlamaServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>Starts llama-server with <paramref name="model"/> on <paramref name="port"/> (a free one when null) and waits until it is healthy.</summary>
    public static async Task<LlamaServerProcess> StartAsync(string model, int slots = 2, int contextSize = 4096, int? port = null)
    {
        port ??= FreePort();
        var info = new ProcessStartInfo(Binary.Value) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", model, "--host", "127.0.0.1", "--port", port.Value.ToString(), "-np", slots.ToString(), "-c", contextSize.ToString(), "--slots", "-t", "2", "--no-webui" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start llama-server");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LlamaServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartLimit)
        {
            if (process.HasExited) throw new InvalidOperationException($"llama-server exited with {process.ExitCode}:\n{log}");
            try
            {
                using var health = await Http.GetAsync(new Uri(server.Endpoint, "health"));
                if (health.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"llama-server was not healthy within {StartLimit}:\n{log}");
    }

    /// <summary>Each slot's id and whether it is working on a request (GET /slots).</summary>
    public async Task<IReadOnlyList<(int Id, bool Processing)>> SlotsAsync()
    {
        var json = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Endpoint, "slots")));
        return json.RootElement.EnumerateArray().Select(s => (s.GetProperty("id").GetInt32(), s.GetProperty("is_processing").GetBoolean())).ToList();
    }

    /// <summary>Waits (polling /slots) until <paramref name="condition"/> holds, at most <paramref name="limit"/>; false when it never did.</summary>
    public async Task<bool> WaitForSlotsAsync(Func<IReadOnlyList<(int Id, bool Processing)>, bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition(await SlotsAsync())) return true;
            await Task.Delay(20);
        }
        return false;
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>LLAMACODE_LLAMA_SERVER when set (scripts/test.sh builds it first), else the build script's answer.</summary>
    private static string BuildOrFind()
    {
        if (Environment.GetEnvironmentVariable("LLAMACODE_LLAMA_SERVER") is { Length: > 0 } given && File.Exists(given)) return given;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "scripts", "build-llama-server.sh"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("scripts/build-llama-server.sh not found above " + AppContext.BaseDirectory);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = dir.FullName };
        info.ArgumentList.Add(Path.Combine(dir.FullName, "scripts", "build-llama-server.sh"));
        using var build = Process.Start(info)!;
        var output = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException($"scripts/build-llama-server.sh failed ({build.ExitCode})");
        return output.Trim().Split('\n')[^1];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
