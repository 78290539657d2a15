using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Bench;

/// <summary>What llama-server said about one /infill request: prompt tokens, how many came from its cache, generated tokens.</summary>
public sealed record InfillAnswer(string Content, int PromptTokens, int CachedTokens, int Generated);

/// <summary>
/// A llama-server child process (the reference: built from the same pinned llama.cpp source as our natives by
/// <c>scripts/build-llama-server.sh</c>), started as llama.vscode's documentation starts it for completion.
/// </summary>
public sealed class LlamaServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private LlamaServerProcess(Process process, HttpClient http)
    {
        _process = process;
        _http = http;
    }

    /// <summary>The binary: the given path, else the one the build script makes (building it once, ~10 minutes on 2 cores).</summary>
    public static async Task<string> LocateAsync(string? given, TextWriter log, CancellationToken cancellationToken)
    {
        if (given is not null) return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"no llama-server at {given}");
        var root = DevModels.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository, or name the binary with --llama-server");
        var script = Path.Combine(root, "scripts", "build-llama-server.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        log.WriteLine("locating llama-server (scripts/build-llama-server.sh builds it once from the pinned source) ...");
        using var build = Process.Start(info) ?? throw new InvalidOperationException("could not run bash");
        var output = await build.StandardOutput.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        var path = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
        if (build.ExitCode != 0 || path is null || !File.Exists(path)) throw new InvalidOperationException($"scripts/build-llama-server.sh failed (exit {build.ExitCode})");
        return path;
    }

    /// <summary>Starts llama-server on a free local port with <c>--cache-reuse 256</c> and one slot, and waits until it is ready.</summary>
    public static async Task<LlamaServerProcess> StartAsync(string binary, string model, int contextSize, int threads, int gpuLayers, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", model, "-c", contextSize.ToString(), "--cache-reuse", "256", "-np", "1", "-t", threads.ToString(),
                     "-ngl", gpuLayers.ToString(), "--host", "127.0.0.1", "--port", port.ToString(), "--no-webui" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LlamaServerProcess(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited) throw new InvalidOperationException($"llama-server exited with code {process.ExitCode} while loading");
            try
            {
                using var health = await server._http.GetAsync("/health", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, cancellationToken);
        }
        server.Dispose();
        throw new TimeoutException("llama-server did not become ready in 5 minutes");
    }

    /// <summary>llama.vscode's request for a cursor: 256 lines before as input_prefix, the line up to the cursor as prompt, 64 lines after.</summary>
    public static object VsCodeInfillRequest(string text, int cursor, int maxTokens)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, cursor - 1)) + 1;
        if (cursor == 0) lineStart = 0;
        var lineEnd = text.IndexOf('\n', cursor) is var e && e < 0 ? text.Length : e;
        var before = lineStart == 0 ? [] : text[..(lineStart - 1)].Split('\n');
        var after = lineEnd >= text.Length ? [] : text[(lineEnd + 1)..].Split('\n');
        var prefixLines = before.Skip(Math.Max(0, before.Length - 256));
        var suffixLines = after.Take(64);
        return new
        {
            input_prefix = string.Concat(prefixLines.Select(l => l + "\n")),
            input_suffix = text[cursor..lineEnd] + "\n" + string.Concat(suffixLines.Select(l => l + "\n")),
            input_extra = Array.Empty<object>(),
            prompt = text[lineStart..cursor],
            n_predict = maxTokens,
            top_k = 40,
            top_p = 0.99,
            stream = false,
            samplers = new[] { "top_k", "top_p", "infill" },
            cache_prompt = true,
        };
    }

    public async Task<InfillAnswer> InfillAsync(object request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/infill", request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"llama-server /infill: {(int)response.StatusCode} {body}");
        var timings = body.GetProperty("timings");
        var cached = timings.GetProperty("cache_n").GetInt32();
        var processed = timings.GetProperty("prompt_n").GetInt32();
        return new InfillAnswer(body.GetProperty("content").GetString() ?? "", cached + processed, cached, timings.GetProperty("predicted_n").GetInt32());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
