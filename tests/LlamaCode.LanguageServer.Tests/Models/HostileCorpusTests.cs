using System.Collections.Concurrent;
using System.Diagnostics;
using LlamaCode.Completion;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Probe;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.LanguageServer.Tests.Cli;
using LlamaCode.ModelGenerator.Hostile;
using Xunit.Abstractions;

namespace LlamaCode.LanguageServer.Tests.Models;

/// <summary>
/// Every file of the hostile corpus, through the load path in this process (managed checks, then the real probe
/// child) and through `llamacode complete` as a user runs it: each is refused in one line, without a crash, a hang
/// or a stack trace, and each control loads.
/// </summary>
[Collection(HostileCorpusCollection.Name)]
public sealed class HostileCorpusTests(HostileCorpusFixture corpus, ITestOutputHelper output)
{
    [Fact]
    public void The_corpus_covers_every_class_with_over_a_hundred_cases()
    {
        Assert.True(HostileCorpus.Cases.Count >= 100, $"{HostileCorpus.Cases.Count} cases");
        foreach (var c in Enum.GetValues<HostileClass>()) Assert.Contains(HostileCorpus.Cases, x => x.Class == c);
        Assert.Equal(HostileCorpus.Cases.Count, HostileCorpus.Cases.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public async Task Every_case_through_the_load_path_is_refused_in_one_line_and_every_control_loads()
    {
        var probe = new ModelProbe(new ModelProbeOptions(ProbeModelCommand.Executable()) { CacheFolder = corpus.NewProbeCache() });
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var (c, path) in corpus.Paths.OrderBy(p => p.Key.Name))
        {
            try
            {
                await using var service = await LocalCompletionService.LoadAsync(path, new LocalEngineSettings { ContextSize = 512, Slots = 1, Probe = probe });
                if (!c.MustLoad) failures.Add($"{c.Name}: loaded");
            }
            catch (InvalidModelFileException e)
            {
                if (c.MustLoad) failures.Add($"{c.Name}: refused: {e.Message}");
                else if (!e.Message.StartsWith(path + ": ", StringComparison.Ordinal) || e.Message.Contains('\n') || e.Problem.Length == 0)
                    failures.Add($"{c.Name}: not one line naming the file: {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"{c.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"{corpus.Paths.Count} cases through the load path in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_case_through_llamacode_complete_exits_cleanly_with_one_line()
    {
        var source = Path.Combine(corpus.Folder, "a.cs");
        File.WriteAllText(source, "int x = 1;\n");
        var environment = new Dictionary<string, string> { [ProbeVerdictCache.FolderEnvironmentVariable] = corpus.NewProbeCache() };
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        // Two processes at a time: CI has two cores, and each refused case costs a process start (a probe child more
        // when the managed checks let the file through).
        await Parallel.ForEachAsync(corpus.Paths, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (entry, _) =>
        {
            var (c, path) = entry;
            var (code, _, stderr) = await CliProcess.Run(null, environment, "complete", "--model", path, "--file", source, "--line", "1", "--character", "9", "--max-tokens", "2");
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (stderr.Contains("   at ") || stderr.Contains("Unhandled exception")) failures.Add($"{c.Name}: stack trace: {stderr}");
            else if (c.MustLoad && code != 0) failures.Add($"{c.Name}: exit code {code}: {stderr}");
            else if (!c.MustLoad && (code != CliErrors.UnusableModel || lines.Length != 1 || !lines[0].StartsWith($"llamacode: {path}: ", StringComparison.Ordinal)))
                failures.Add($"{c.Name}: exit code {code}, stderr: {stderr}");
        });
        output.WriteLine($"{corpus.Paths.Count} cases through llamacode complete in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.OrderBy(f => f)));
    }

    /// <summary>
    /// The probe alone, without the managed checks, on the kinds that ended llama.cpp before those checks existed: the
    /// child dies or is killed in their place, and the parent reports why in one line.
    /// </summary>
    [Fact]
    public async Task The_probe_alone_survives_every_kind_that_ended_llama_cpp()
    {
        var probe = new ModelProbe(new ModelProbeOptions(ProbeModelCommand.Executable())
        {
            CacheFolder = corpus.NewProbeCache(),
            TimeLimit = TimeSpan.FromSeconds(8), // the two that hang are killed at this limit
        });
        var failures = new List<string>();
        foreach (var (c, path) in corpus.Paths.Where(p => p.Key.EndedLlamaCpp).OrderBy(p => p.Key.Name))
        {
            // Some of these the validator refuses (100,000 tensor infos): the identity hashes the first MiB instead.
            var verdict = await probe.CheckAsync(path, 1 << 20, 0, CancellationToken.None);
            output.WriteLine($"{c.Name}: {verdict.Problem} ({verdict.Milliseconds:F0} ms)");
            if (verdict.Passed) failures.Add($"{c.Name}: passed");
            else if (verdict.Problem!.Contains('\n') || verdict.Problem.Contains("   at ")) failures.Add($"{c.Name}: not one line: {verdict.Problem}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
