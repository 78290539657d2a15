using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LlamaCode.DevTools.Evaluation;

/// <summary>
/// CPU time used by this process so far (all threads), to microseconds on Linux (getrusage) and as the OS counts it
/// elsewhere. On a shared machine a request's wall time includes waiting for the cores; its CPU time does not.
/// </summary>
internal static class ProcessCpuTime
{
    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && GetRusage(RusageSelf, out var usage) == 0)
            return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1e6 + usage.UserMicroseconds + usage.SystemMicroseconds);
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private const int RusageSelf = 0;

    // struct rusage on 64-bit Linux: two timevals, then 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);
}
