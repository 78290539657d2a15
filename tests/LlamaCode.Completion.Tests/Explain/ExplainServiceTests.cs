using LlamaCode.Completion.Explain;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests.Explain;

/// <summary>Explain on the real engine with the tiny model: it streams, returns the whole text, and stops when cancelled.</summary>
public class ExplainServiceTests
{
    private const string Code = "class A\n{\n    int Twice(int x) => x * 2;\n}\n";

    [Fact]
    public async Task Streams_the_explanation_and_returns_all_of_it()
    {
        await using var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(DevModelSize.Tiny), new LocalEngineSettings { ContextSize = 2048, Slots = 1 });
        var seen = new List<string>();
        var start = Code.IndexOf("int Twice", StringComparison.Ordinal);
        var result = await service.ExplainAsync(new ExplainRequest("A.cs", Code, start, start + 26, MaxTokens: 24), seen.Add, default);

        Assert.NotNull(result.Stats);
        Assert.True(result.Stats!.PromptTokens > 30);
        Assert.NotEmpty(seen);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.StartsWith(p.First, StringComparison.Ordinal)), "each report extends the previous one");
        Assert.Equal(seen[^1].Trim(), result.Markdown);
    }

    [Fact]
    public async Task Cancelling_stops_the_decode()
    {
        await using var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(DevModelSize.Tiny), new LocalEngineSettings { ContextSize = 2048, Slots = 1 });
        using var cts = new CancellationTokenSource();
        var reports = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            service.ExplainAsync(new ExplainRequest("A.cs", Code, 0, Code.Length, MaxTokens: 1000), _ => { if (++reports == 2) cts.Cancel(); }, cts.Token));
        Assert.InRange(reports, 2, 4);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(-1, 3)]
    [InlineData(3, 999)]
    public async Task An_empty_or_out_of_range_selection_is_refused(int start, int end)
    {
        await using var service = await LocalCompletionService.LoadAsync(DevModels.GetOrCreate(DevModelSize.Tiny), new LocalEngineSettings { ContextSize = 1024, Slots = 1 });
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.ExplainAsync(new ExplainRequest("A.cs", Code, start, end), _ => { }, default));
    }
}
