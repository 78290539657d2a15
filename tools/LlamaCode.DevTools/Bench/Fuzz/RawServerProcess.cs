using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LlamaCode.DevTools.Bench.Fuzz;

/// <summary>
/// A `llamacode serve` child process spoken to in raw frames (a JSON-RPC client library would itself refuse much of
/// what the fuzzer sends and receives). Every response it writes is handed to <see cref="Responded"/>; requests it sends
/// the client (work-done progress) are answered.
/// </summary>
public sealed class RawServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Queue<string> _stderrTail = new();
    private readonly Task _reading;

    /// <summary>Called on the reader's thread with each response's id key (see <see cref="FuzzIds.Key"/>).</summary>
    public event Action<string>? Responded;

    /// <summary>Set when the server's output is not a well-framed JSON-RPC message (a protocol error of the server's).</summary>
    public string? OutputProblem { get; private set; }

    private RawServerProcess(Process process)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(e.Data);
                if (_stderrTail.Count > 20) _stderrTail.Dequeue();
            }
        };
        process.BeginErrorReadLine();
        _reading = Task.Run(ReadAsync);
    }

    public static RawServerProcess Start(string executable, string model)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "serve", "--model", model, "--log-level", "Warning" }) info.ArgumentList.Add(a);
        return new RawServerProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}"));
    }

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The last lines the server wrote to stderr.</summary>
    public string StderrTail()
    {
        lock (_stderrTail) return string.Join('\n', _stderrTail);
    }

    public async Task SendAsync(byte[] frame)
    {
        await _writing.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stdin.WriteAsync(frame).ConfigureAwait(false);
            await _stdin.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Resident memory of the server process, from /proc (Linux); 0 elsewhere or once it has exited.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>Waits for the end of the server's output (it has exited and everything it wrote has been read).</summary>
    public Task OutputEnded => _reading;

    private async Task ReadAsync()
    {
        var stdout = new BufferedStream(_process.StandardOutput.BaseStream, 1 << 16);
        try
        {
            while (await ReadFrameAsync(stdout).ConfigureAwait(false) is { } body)
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                var hasId = root.TryGetProperty("id", out var id);
                if (root.TryGetProperty("method", out _))
                {
                    if (hasId) await SendAsync(FuzzMessage.Json("client-answer", $"{{\"jsonrpc\":\"2.0\",\"id\":{id.GetRawText()},\"result\":null}}", null).Frame).ConfigureAwait(false);
                }
                else if (hasId) Responded?.Invoke(FuzzIds.Key(id));
                else OutputProblem ??= "a response without an id";
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
        {
            OutputProblem ??= $"the server wrote a malformed message: {e.Message}";
        }
        catch (IOException)
        {
            // The server's stdin or stdout closed under us: it has exited, which the driver reports.
        }
    }

    private static async Task<byte[]?> ReadFrameAsync(Stream stdout)
    {
        int? length = null;
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stdout.ReadAsync(one).ConfigureAwait(false) == 0)
                return line.Length == 0 && length is null ? null : throw new InvalidDataException("the output ended inside a message");
            if (one[0] != '\n')
            {
                line.Append((char)one[0]);
                continue;
            }
            var header = line.ToString().TrimEnd('\r');
            line.Clear();
            if (header.Length == 0) break;
            if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(header["Content-Length:".Length..].Trim());
        }
        var body = new byte[length ?? throw new InvalidDataException("a message without Content-Length")];
        await stdout.ReadExactlyAsync(body).ConfigureAwait(false);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already reported through OutputProblem.
        }
        _process.Dispose();
    }
}
