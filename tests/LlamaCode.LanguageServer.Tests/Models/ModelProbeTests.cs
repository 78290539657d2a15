using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Probe;
using LlamaCode.LanguageServer.Cli;
using LlamaCode.LanguageServer.Tests.Server;

namespace LlamaCode.LanguageServer.Tests.Models;

/// <summary>The first-load probe with its real child (`llamacode probe-model`): verdicts, limits and the cache.</summary>
[Collection(HostileCorpusCollection.Name)]
public sealed class ModelProbeTests(HostileCorpusFixture corpus)
{
    private ModelProbe Probe(TimeSpan? timeLimit = null, long? memoryLimit = null) =>
        new(new ModelProbeOptions(ProbeModelCommand.Executable()) { CacheFolder = corpus.NewProbeCache(), TimeLimit = timeLimit, MemoryLimitBytes = memoryLimit });

    private static Task<ProbeVerdict> Check(ModelProbe probe, string path) =>
        probe.CheckAsync(path, GgufValidator.Validate(path).DataSectionOffset, 0, CancellationToken.None);

    [Fact]
    public async Task A_good_model_passes_once_and_the_next_start_reads_the_verdict_from_disk()
    {
        var path = corpus.PathOf("control-tiny");
        var probe = Probe();

        var first = await Check(probe, path);
        var again = await Check(new ModelProbe(probe.Options), path);

        Assert.True(first.Passed, first.Problem);
        Assert.False(first.FromCache);
        Assert.True(again.Passed);
        Assert.True(again.FromCache);
    }

    [Fact]
    public async Task A_file_replaced_in_place_is_probed_again()
    {
        var path = Path.Combine(corpus.Folder, $"replaced-{Guid.NewGuid():N}.gguf");
        File.Copy(corpus.PathOf("control-tiny"), path);
        var probe = Probe();
        Assert.True((await Check(probe, path)).Passed);

        // Same path, size and modification time; one byte of the header (the model's name) differs.
        var time = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        var name = System.Text.Encoding.UTF8.GetBytes("LlamaCode dev model (tiny)");
        bytes[bytes.AsSpan().IndexOf(name) + name.Length - 2] = (byte)'Y';
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time);
        var verdict = await Check(probe, path);

        Assert.True(verdict.Passed, verdict.Problem);
        Assert.False(verdict.FromCache);
    }

    [Fact]
    public async Task Non_finite_logits_fail_and_the_failure_is_cached()
    {
        var path = corpus.PathOf("w-nan-weights");
        var probe = Probe();

        var first = await Check(probe, path);
        var again = await Check(probe, path);

        Assert.StartsWith("the model gives non-finite logits (NaN", first.Problem);
        Assert.Equal(first.Problem, again.Problem);
        Assert.True(again.FromCache);
    }

    [Fact]
    public async Task A_child_past_its_time_limit_is_killed_and_the_verdict_is_not_cached()
    {
        var path = corpus.PathOf("control-tiny");
        // A child that would run for an hour, so the limit is passed however fast the machine is.
        var probe = new ModelProbe(new ModelProbeOptions(new ProbeCommand("/bin/sh", ["-c", "exec sleep 3600", "probe"]))
        {
            CacheFolder = corpus.NewProbeCache(), TimeLimit = TimeSpan.FromMilliseconds(100),
        });

        var first = await Check(probe, path);
        var again = await Check(probe, path);

        Assert.Equal("killed after 0.1 s: loading and decoding one batch took longer than that", first.Problem);
        Assert.False(again.FromCache);
    }

    [Fact]
    public async Task A_child_past_its_memory_limit_is_killed()
    {
        var verdict = await Check(Probe(memoryLimit: 16 << 20), corpus.PathOf("control-tiny"));

        Assert.Equal("killed: it used more than 16 MiB while loading and decoding one batch", verdict.Problem);
        Assert.False(verdict.Deterministic);
    }

    [Fact]
    public async Task Cancelling_the_load_kills_the_child()
    {
        // A child that would run for an hour (the model's arguments go to sh as its positional parameters), so the
        // cancel surely comes while it runs, however fast the machine is.
        var marker = $"sleep {3000 + Random.Shared.Next(600)}";
        var probe = new ModelProbe(new ModelProbeOptions(new ProbeCommand("/bin/sh", ["-c", $"exec {marker}", "probe"])) { CacheFolder = corpus.NewProbeCache() });
        var path = corpus.PathOf("control-tiny");
        using var cancel = new CancellationTokenSource();
        var check = probe.CheckAsync(path, GgufValidator.Validate(path).DataSectionOffset, 0, cancel.Token);
        await TestWait.Until(() => ChildrenRunning(marker) > 0);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);
        await TestWait.Until(() => ChildrenRunning(marker) == 0);
    }

    private static int ChildrenRunning(string commandLine) =>
        Directory.EnumerateDirectories("/proc").Count(d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ').Trim() == commandLine; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });
}
