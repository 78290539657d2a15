using System.Diagnostics;

namespace LlamaCode.LanguageServer.Tests.Cli;

/// <summary>Runs the built `llamacode` executable as a user would, with optional stdin.</summary>
internal static class CliProcess
{
    public static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "llamacode");

    /// <summary>The development tools' executable (bench, make-model), built beside the tests too.</summary>
    public static readonly string DevExecutable = Path.Combine(AppContext.BaseDirectory, "llamacode-dev");

    public static Task<(int Code, string Stdout, string Stderr)> Run(string? stdin, params string[] args) => Run(stdin, new Dictionary<string, string?>(), args);

    /// <summary>Runs `llamacode-dev` with <paramref name="args"/>.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunDev(params string[] args) => Run(DevExecutable, null, new Dictionary<string, string?>(), args);

    /// <summary>Runs with <paramref name="environment"/> changed (a null value removes the variable).</summary>
    public static Task<(int Code, string Stdout, string Stderr)> Run(string? stdin, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Run(Executable, stdin, environment, args);

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string executable, string? stdin, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TestLimits.MachineBound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', args)} ran for more than {TestLimits.MachineBound.TotalMinutes} minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
