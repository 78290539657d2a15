using System.Text.RegularExpressions;

namespace LlamaCode.Engine.Probe;

/// <summary>
/// Reads what the probe child left behind: its verdict line on stdout, or, when it died, the reason in its stderr
/// (a ggml assert, an uncaught C++ exception, an unhandled .NET exception) or its signal. Pure, so tested as a table.
/// </summary>
public static partial class ChildProbeReport
{
    /// <summary>
    /// The child's stdout line: <c>llamacode-probe: ok</c>, <c>llamacode-probe: fail REASON</c> (the model), or
    /// <c>llamacode-probe: error REASON</c> (this machine, such as missing natives: not cached).
    /// </summary>
    public const string Prefix = "llamacode-probe: ";

    public static ProbeVerdict Interpret(int exitCode, string stdout, string stderr, double ms)
    {
        foreach (var line in stdout.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (!text.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var verdict = text[Prefix.Length..];
            if (verdict == "ok" && exitCode == 0) return ProbeVerdict.Pass(ms);
            if (verdict.StartsWith("fail ", StringComparison.Ordinal)) return new ProbeVerdict(verdict[5..], true, ms);
            if (verdict.StartsWith("error ", StringComparison.Ordinal)) return new ProbeVerdict($"the first-load check could not run: {verdict[6..]}", false, ms);
        }
        // SIGKILL comes from outside (the kernel's out-of-memory killer, a user): the same file may pass next time.
        return new ProbeVerdict(CrashReason(exitCode, stderr), Deterministic: exitCode != 128 + 9, ms);
    }

    /// <summary>One line saying how the child died.</summary>
    public static string CrashReason(int exitCode, string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        foreach (var line in lines)
            if (SourceLocation().Match(line) is { Success: true } m)
                return $"llama.cpp crashed on it: {m.Groups["file"].Value}:{m.Groups["line"].Value}: {m.Groups["message"].Value.Trim()}";
        for (int i = 0; i < lines.Count; i++)
            if (UncaughtCpp().Match(lines[i]) is { Success: true } m)
            {
                var what = lines.Skip(i + 1).Select(l => WhatLine().Match(l)).FirstOrDefault(w => w.Success)?.Groups[1].Value.Trim();
                return $"llama.cpp crashed on it: uncaught {m.Groups[1].Value}{(what is { Length: > 0 } ? $" ({what})" : "")}";
            }
        foreach (var line in lines)
            if (line.StartsWith("Unhandled exception. ", StringComparison.Ordinal))
                return $"the first-load check failed: {line["Unhandled exception. ".Length..]}";
        string? lastError = lines.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
        string how = exitCode > 128 && exitCode < 160 ? $"signal {SignalName(exitCode - 128)}" : $"exit code {exitCode}";
        return $"llama.cpp crashed on it ({how}){(lastError is null ? "" : $": {lastError.Trim()}")}";
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        _ => signal.ToString(),
    };

    // ggml_abort prints "file.c:123: message" (GGML_ASSERT(x) failed, or the GGML_ABORT text).
    [GeneratedRegex(@"(?:^|[\s/\\])(?<file>[\w.+-]+\.(?:c|cc|cpp|cxx|h|hpp|cu|m|mm)):(?<line>\d+): (?<message>.+)$")]
    private static partial Regex SourceLocation();

    [GeneratedRegex(@"terminate called after throwing an instance of '([^']+)'")]
    private static partial Regex UncaughtCpp();

    [GeneratedRegex(@"^\s*what\(\):\s*(.*)$")]
    private static partial Regex WhatLine();
}
