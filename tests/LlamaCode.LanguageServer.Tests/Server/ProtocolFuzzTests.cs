using System.Text;
using LlamaCode.DevTools.Bench.Fuzz;
using LlamaCode.ModelGenerator;
using Xunit.Abstractions;

namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>
/// A bounded slice of `llamacode-dev bench fuzz` against the real `llamacode serve` with the tiny model: hostile and valid
/// traffic never ends the process, every request is answered exactly once, and exit after shutdown gives 0.
/// </summary>
public class ProtocolFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 13;
    private const int SliceMessages = 250;

    [Fact]
    public async Task A_seeded_slice_of_hostile_traffic_is_answered_exactly_once_per_request_and_never_ends_the_server()
    {
        var steps = FuzzGenerator.Build(Seed, SliceMessages);
        var report = await FuzzDriver.RunAsync(Path.Combine(AppContext.BaseDirectory, "llamacode"), DevModels.GetOrCreate(DevModelSize.Tiny), Seed, steps);
        output.WriteLine($"{report.Messages} messages, {report.Owed} owed answers, p95 {report.Percentile(0.95):F0} ms, {report.Duration.TotalSeconds:F0} s");
        foreach (var finding in report.Findings) output.WriteLine(finding);

        Assert.Null(report.CrashDetail);
        Assert.Null(report.OutputProblem);
        Assert.Equal(0, report.Unanswered);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(report.Owed, report.Answered);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void The_script_is_a_pure_function_of_its_seed_and_one_round_plays_every_scenario()
    {
        var a = FuzzGenerator.Build(Seed, SliceMessages);
        var b = FuzzGenerator.Build(Seed, SliceMessages);
        Assert.Equal(a.SelectMany(s => s.Messages).Select(m => Convert.ToHexString(m.Frame)), b.SelectMany(s => s.Messages).Select(m => Convert.ToHexString(m.Frame)));
        Assert.NotEqual(a.SelectMany(s => s.Messages).Select(m => m.Frame.Length), FuzzGenerator.Build(Seed + 1, SliceMessages).SelectMany(s => s.Messages).Select(m => m.Frame.Length));
        Assert.Empty(FuzzGenerator.ScenarioNames.Except(a.Select(s => s.Scenario)));
        Assert.Equal(["opening", "shutdown", "exit"], a.Select(s => s.Scenario).Where(s => s is "opening" or "shutdown" or "exit"));
    }

    [Fact]
    public void Every_message_is_well_framed()
    {
        foreach (var message in FuzzGenerator.Build(Seed, SliceMessages).SelectMany(s => s.Messages))
        {
            var split = IndexOf(message.Frame, "\r\n\r\n"u8);
            var headers = Encoding.ASCII.GetString(message.Frame, 0, split);
            var length = headers.Split("\r\n").Single(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim();
            Assert.Equal(message.Frame.Length - split - 4, int.Parse(length));
        }
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
