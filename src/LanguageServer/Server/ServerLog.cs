namespace LlamaCode.LanguageServer.Server;

public enum ServerLogLevel { Error = 1, Warning = 2, Info = 3, Debug = 4 }

/// <summary>
/// The server's log: stderr, an optional file, and the client's window/logMessage once connected.
/// Never stdout: stdout is the protocol pipe.
/// </summary>
public sealed class ServerLog : IDisposable
{
    private readonly TextWriter _stderr;
    private readonly StreamWriter? _file;
    private readonly Lock _gate = new();

    public ServerLog(TextWriter stderr, string? logFile, ServerLogLevel level)
    {
        _stderr = stderr;
        Level = level;
        if (!string.IsNullOrEmpty(logFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            _file = new StreamWriter(logFile, append: true) { AutoFlush = true };
        }
    }

    public ServerLogLevel Level { get; set; }

    /// <summary>Set once the connection is up: forwards log lines to the client (window/logMessage).</summary>
    public Action<ServerLogLevel, string>? Client { get; set; }

    public void Error(string message) => Write(ServerLogLevel.Error, message);
    public void Warn(string message) => Write(ServerLogLevel.Warning, message);
    public void Info(string message) => Write(ServerLogLevel.Info, message);
    public void Debug(string message) => Write(ServerLogLevel.Debug, message);

    public void Write(ServerLogLevel level, string message)
    {
        if (level > Level) return;
        var line = $"{DateTime.Now:HH:mm:ss.fff} [{level}] {message}";
        lock (_gate)
        {
            _stderr.WriteLine(line);
            _file?.WriteLine(line);
        }
        try { Client?.Invoke(level, message); }
        catch { /* the client may be gone; the log must not throw */ }
    }

    public void Dispose() => _file?.Dispose();
}
