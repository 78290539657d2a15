using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// The protocol streams of `llamacode serve`. The real stdout is moved to a private descriptor for the protocol, and
/// descriptor 1 is pointed at stderr, so that nothing else in the process — a stray Console.Write, a native library's
/// printf — can write into the protocol pipe.
/// </summary>
public static partial class StdioStreams
{
    public static (Stream Input, Stream Output) Open()
    {
        var input = Console.OpenStandardInput();
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return (input, Console.OpenStandardOutput());
        var protocolFd = dup(1);
        if (protocolFd < 0 || dup2(2, 1) < 0) return (input, Console.OpenStandardOutput());
        return (input, new FileStream(new SafeFileHandle(protocolFd, ownsHandle: true), FileAccess.Write, bufferSize: 0));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup2(int fd, int fd2);
}
