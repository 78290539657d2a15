using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace LlamaCode.Engine.Native;

public enum NativeLogLevel { Debug = 1, Info = 2, Warn = 3, Error = 4 }

/// <summary>
/// Routes llama.cpp's and ggml's log lines to a managed sink. Never to stdout: in the server, stdout is the protocol pipe.
/// The default sink writes warnings and errors to stderr.
/// </summary>
public static unsafe class NativeLog
{
    private const int GgmlLogLevelCont = 5; // continues the previous line
    private static readonly StringBuilder Pending = new();
    private static NativeLogLevel _pendingLevel = NativeLogLevel.Info;
    private static readonly Lock Gate = new();

    public static Action<NativeLogLevel, string> Sink { get; set; } = (level, line) =>
    {
        if (level >= MinimumLevel) Console.Error.WriteLine($"[llama.cpp {level}] {line}");
    };

    private static readonly Queue<(long Sequence, string Line)> RecentErrors = new();
    private static long _errorSequence;

    /// <summary>A mark to pass to <see cref="ErrorsSince"/>.</summary>
    public static long ErrorMark
    {
        get { lock (Gate) return _errorSequence; }
    }

    /// <summary>The error lines llama.cpp logged after <paramref name="mark"/> (the last 32 kept), whatever the sink.</summary>
    public static IReadOnlyList<string> ErrorsSince(long mark)
    {
        lock (Gate) return RecentErrors.Where(e => e.Sequence > mark).Select(e => e.Line).ToList();
    }

    /// <summary>Errors only by default: llama.cpp's warnings are mostly notes about the model file.</summary>
    public static NativeLogLevel MinimumLevel { get; set; } = NativeLogLevel.Error;

    internal static void Install() => LlamaApi.llama_log_set(&OnLog, null);

    [UnmanagedCallersOnly]
    private static void OnLog(int level, byte* text, void* userData)
    {
        try
        {
            var chunk = Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty;
            List<(NativeLogLevel, string)> lines = [];
            lock (Gate)
            {
                if (level != GgmlLogLevelCont) _pendingLevel = level is >= 1 and <= 4 ? (NativeLogLevel)level : NativeLogLevel.Info;
                Pending.Append(chunk);
                int newline;
                while ((newline = IndexOfNewline(Pending)) >= 0)
                {
                    var line = Pending.ToString(0, newline);
                    lines.Add((_pendingLevel, line));
                    if (_pendingLevel == NativeLogLevel.Error && line.Trim().Length > 0)
                    {
                        RecentErrors.Enqueue((++_errorSequence, line.Trim()));
                        if (RecentErrors.Count > 32) RecentErrors.Dequeue();
                    }
                    Pending.Remove(0, newline + 1);
                }
            }
            foreach (var (lvl, line) in lines) Sink(lvl, line);
        }
        catch
        {
            // An exception must never cross into native code.
        }
    }

    private static int IndexOfNewline(StringBuilder sb)
    {
        for (var i = 0; i < sb.Length; i++) if (sb[i] == '\n') return i;
        return -1;
    }
}
