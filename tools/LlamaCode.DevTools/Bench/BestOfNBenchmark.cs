using System.Globalization;
using System.Text;
using LlamaCode.Completion;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.DevTools.Bench;

/// <summary>
/// What n candidates per completion would cost on the engine. The engine can produce them today only by sampling n
/// times in turn from the same prompt (each request finds the prompt in the KV cache). Sharing the prompt's KV across
/// n sequences decoded in one batch would instead cost, per step, about what one batch of n tokens costs; that is
/// measured as the prefill of n more tokens after a cached prompt (a lower bound: only the last token gets logits).
/// </summary>
public static class BestOfNBenchmark
{
    private const int Rounds = 5;

    public static async Task<BestOfNReport> RunAsync(string modelPath, LocalEngineSettings settings, string document, int maxTokens,
        IReadOnlyList<int> counts, TextWriter progress, CancellationToken ct)
    {
        using var model = await Task.Run(() => LlamaModel.Load(modelPath, new ModelLoadOptions { GpuLayers = settings.GpuLayers }), ct);
        await using var engine = await InferenceEngine.StartAsync(model, new EngineOptions { ContextSize = settings.ContextSize, Slots = 1, Threads = settings.Threads });
        // The cursor at the start of a line two thirds into the document.
        var cursor = document.IndexOf('\n', document.Length * 2 / 3) + 1;
        var prompt = FimPromptBuilder.Build(model, FimLayout.Spm, document[..cursor], document[cursor..],
            TokenBudget.ForContext(engine.ContextSize, maxTokens), documentPath: "bench.cs").Tokens;
        await engine.PrefillAsync(prompt, ct); // cold prefill, not measured
        progress.WriteLine($"prompt: {prompt.Length} tokens");

        // Counts alternate within each round, so that load from other processes falls on all of them alike.
        var sequential = counts.ToDictionary(n => n, _ => new List<double>());
        var batchStep = counts.ToDictionary(n => n, _ => new List<double>());
        var tokens = counts.ToDictionary(n => n, _ => 0);
        for (int round = 0; round < Rounds; round++)
            foreach (var n in counts)
            {
                double total = 0;
                for (int k = 0; k < n; k++)
                {
                    var sampling = new SamplingOptions { Temperature = 0.8f, Seed = (uint)(round * 100 + k + 1) };
                    var (_, stats) = await engine.Generate(new GenerationRequest(prompt) { MaxTokens = maxTokens, Sampling = sampling }, ct).ReadAllAsync();
                    total += stats.TotalMs - stats.QueueMs;
                    tokens[n] += stats.GeneratedTokens;
                }
                sequential[n].Add(total);
                await engine.PrefillAsync(prompt, ct); // back to the prompt alone
                var extended = prompt.Concat(prompt.Skip(prompt.Length - n)).ToArray();
                batchStep[n].Add((await engine.PrefillAsync(extended, ct)).Stats.PrefillMs);
                progress.WriteLine($"round {round + 1}, n={n}: {total:F0} ms sampled in turn, {batchStep[n][^1]:F1} ms for one batched step");
            }
        var rows = counts.Select(n => new BestOfNRow(n, tokens[n] / (double)(Rounds * n), Median.Of(sequential[n]), Median.Of(batchStep[n]))).ToList();
        return new BestOfNReport($"{Path.GetFileName(modelPath)} ({model.Info.ParameterCount / 1e6:F0}M parameters)", prompt.Length, maxTokens, rows);
    }

}

/// <summary>
/// <paramref name="SequentialMs"/>: n sampled generations one after another (median of rounds);
/// <paramref name="BatchStepMs"/>: one decode of n tokens in a batch after the cached prompt (median).
/// </summary>
public sealed record BestOfNRow(int N, double TokensPerCandidate, double SequentialMs, double BatchStepMs);

public sealed record BestOfNReport(string Model, int PromptTokens, int MaxTokens, IReadOnlyList<BestOfNRow> Rows)
{
    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var one = Rows.FirstOrDefault(r => r.N == 1) ?? Rows[0];
        var sb = new StringBuilder();
        sb.AppendLine(c, $"model: {Model}; prompt: {PromptTokens} tokens (cached); up to {MaxTokens} tokens per candidate, temperature 0.8");
        sb.AppendLine();
        sb.AppendLine("| n | tokens per candidate | n sampled in turn, ms | × n=1 | one decode step of n tokens, ms | × n=1 |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
            sb.AppendLine(c, $"| {r.N} | {r.TokensPerCandidate:F1} | {r.SequentialMs:F0} | {r.SequentialMs / one.SequentialMs:F2} | {r.BatchStepMs:F1} | {r.BatchStepMs / one.BatchStepMs:F2} |");
        return sb.ToString();
    }
}
