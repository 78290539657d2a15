using System.Diagnostics;
using System.Text;

namespace LlamaCode.Engine.Probe;

/// <summary>
/// The first load of a model file happens in a sacrificial child process (this same executable, a hidden command)
/// under a time and a memory limit: it loads the model, tokenizes, decodes a batch and checks the logits. llama.cpp
/// has asserts no managed check knows of yet; an assert there ends the child, not the server. The verdict is cached
/// by file identity, so later starts pay nothing.
/// </summary>
public sealed class ModelProbe(ModelProbeOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private const int MaxStderrChars = 64 * 1024;

    private readonly ProbeVerdictCache _cache = new(options.CacheFolder ?? ProbeVerdictCache.DefaultFolder());

    public ModelProbeOptions Options => options;
    public ProbeVerdictCache Cache => _cache;

    /// <summary>The cached verdict on <paramref name="fullPath"/>, or a fresh one from the child.</summary>
    /// <param name="headerBytes">Where the file's tensor data starts: the header hashed into its identity.</param>
    public async Task<ProbeVerdict> CheckAsync(string fullPath, long headerBytes, int gpuLayers, CancellationToken cancellationToken)
    {
        var identity = ModelFileIdentity.Of(fullPath, headerBytes);
        var key = identity.Key($"{VersionStamp}\ngpu-layers {gpuLayers}");
        if (_cache.TryGet(key) is { } cached) return cached;
        var verdict = await RunChildAsync(fullPath, identity.Size, gpuLayers, cancellationToken).ConfigureAwait(false);
        _cache.Put(key, identity, verdict);
        return verdict;
    }

    // A new build (new natives, new checks) probes again.
    private static readonly string VersionStamp = typeof(ModelProbe).Assembly.ManifestModule.ModuleVersionId.ToString();

    private async Task<ProbeVerdict> RunChildAsync(string fullPath, long fileBytes, int gpuLayers, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Command.FileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in options.Command.Arguments) start.ArgumentList.Add(a);
        foreach (var a in new[] { "--model", fullPath, "--gpu-layers", gpuLayers.ToString() }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_gcServer"] = "0";

        var clock = Stopwatch.StartNew();
        Process child;
        try
        {
            child = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e)
        {
            return new ProbeVerdict($"the first-load check could not start {options.Command.FileName}: {e.Message}", false, 0);
        }
        using (child)
        {
            child.StandardInput.Close();
            var stdout = child.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = ReadTailAsync(child.StandardError);
            var timeLimit = options.TimeLimitFor(fileBytes);
            var memoryLimit = options.MemoryLimitFor(fileBytes);
            string? killed = null;
            try
            {
                while (!child.HasExited)
                {
                    await Task.WhenAny(child.WaitForExitAsync(cancellationToken), Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (child.HasExited) break;
                    if (clock.Elapsed > timeLimit)
                        killed = $"killed after {timeLimit.TotalSeconds:0.#} s: loading and decoding one batch took longer than that";
                    else if (ResidentBytes(child) is { } rss && rss > memoryLimit)
                        killed = $"killed: it used more than {memoryLimit >> 20:N0} MiB while loading and decoding one batch";
                    if (killed is null) continue;
                    Kill(child);
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                Kill(child);
                throw;
            }
            await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (killed is not null) return new ProbeVerdict(killed, false, ms);
            return ChildProbeReport.Interpret(child.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), ms);
        }
    }

    private static long? ResidentBytes(Process child)
    {
        try
        {
            child.Refresh();
            return child.WorkingSet64;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void Kill(Process child)
    {
        try
        {
            child.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Reads a stream to its end, keeping only the last <see cref="MaxStderrChars"/> characters.</summary>
    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            tail.Append(buffer, 0, n);
            if (tail.Length > 2 * MaxStderrChars) tail.Remove(0, tail.Length - MaxStderrChars);
        }
        return tail.Length > MaxStderrChars ? tail.ToString(tail.Length - MaxStderrChars, MaxStderrChars) : tail.ToString();
    }
}
