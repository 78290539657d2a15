using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Inference;

/// <summary>The engine against real llama.cpp on the generated tiny model.</summary>
[Collection(TinyModelCollection.Name)]
public class InferenceEngineTests(TinyModel tiny)
{
    [Fact]
    public async Task Generates_up_to_max_tokens_and_reports_stats()
    {
        await using var engine = await tiny.StartEngineAsync();
        var prompt = tiny.CodeTokens(100);
        var (text, stats) = await engine.Generate(new GenerationRequest(prompt) { MaxTokens = 12 }).ReadAllAsync();

        Assert.Equal(100, stats.PromptTokens);
        Assert.Equal(0, stats.CachedTokens);
        Assert.Equal(100, stats.DecodedTokens);
        Assert.InRange(stats.GeneratedTokens, 1, 12);
        Assert.True(stats.GeneratedTokens == 12 ? stats.StopReason == StopReason.MaxTokens : stats.StopReason == StopReason.EndOfGeneration);
        Assert.True(stats.TimeToFirstTokenMs > 0 && stats.TotalMs >= stats.TimeToFirstTokenMs);
        Assert.Equal(stats, engine.RecentStats()[^1]);
        Assert.NotNull(text);
    }

    [Fact]
    public async Task Greedy_generation_is_deterministic_and_cache_independent()
    {
        await using var engine = await tiny.StartEngineAsync();
        var prompt = tiny.CodeTokens(200);
        var cold = await engine.Generate(new GenerationRequest(prompt) { MaxTokens = 16 }).ReadAllAsync();
        var warm = await engine.Generate(new GenerationRequest(prompt) { MaxTokens = 16 }).ReadAllAsync();
        Assert.Equal(cold.Text, warm.Text);
        Assert.True(warm.Stats.CachedTokens >= 199);
    }

    [Fact]
    public async Task A_warm_request_decodes_only_its_new_tokens()
    {
        await using var engine = await tiny.StartEngineAsync();
        var longer = tiny.CodeTokens(305);
        var first = await engine.PrefillAsync(longer[..300]);
        var second = await engine.PrefillAsync(longer);
        var same = await engine.PrefillAsync(longer);

        Assert.Equal((0, 300), (first.Stats.CachedTokens, first.Stats.DecodedTokens));
        Assert.Equal((300, 5), (second.Stats.CachedTokens, second.Stats.DecodedTokens));
        Assert.Equal((304, 1), (same.Stats.CachedTokens, same.Stats.DecodedTokens)); // the last token is decoded again for its logits
    }

    [Fact]
    public async Task Warm_logits_match_cold_logits()
    {
        var prompt = tiny.CodeTokens(700);
        float[] cold;
        await using (var fresh = await tiny.StartEngineAsync())
            cold = (await fresh.PrefillAsync(prompt)).Logits;

        await using var engine = await tiny.StartEngineAsync();
        await engine.PrefillAsync(prompt[..650]);
        var warm = await engine.PrefillAsync(prompt);
        Assert.Equal(650, warm.Stats.CachedTokens);

        // Small batches use other kernels: equal argmax and a small difference, not bit-for-bit equality.
        Assert.Equal(ArgMax(cold), ArgMax(warm.Logits));
        var maxDiff = cold.Zip(warm.Logits, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff < 1e-2f, $"max abs logit difference {maxDiff}");
    }

    [Fact]
    public async Task Without_chunk_reuse_after_an_edit_mid_prompt_the_cache_is_kept_up_to_the_edit()
    {
        // (With chunk reuse, the default, the rest after a one-token edit moves instead: ChunkReuseTests.)
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 2, MinChunkTokens = 0 });
        var prompt = tiny.CodeTokens(400);
        await engine.PrefillAsync(prompt);
        var edited = prompt.ToArray();
        edited[250] = edited[251];
        var result = await engine.PrefillAsync(edited);
        Assert.Equal(250, result.Stats.CachedTokens);
        Assert.Equal(150, result.Stats.DecodedTokens);
    }

    [Fact]
    public async Task Slots_keep_two_documents_cached_side_by_side()
    {
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 2 });
        var a = tiny.CodeTokens(300);
        var b = a.Select((t, i) => i < 2 ? t : a[(i * 7) % a.Length]).ToArray();
        await engine.PrefillAsync(a);
        await engine.PrefillAsync(b);
        var againA = await engine.PrefillAsync(a);
        var againB = await engine.PrefillAsync(b);
        Assert.Equal(299, againA.Stats.CachedTokens);
        Assert.Equal(299, againB.Stats.CachedTokens);
        Assert.NotEqual(againA.Stats.Slot, againB.Stats.Slot);
    }

    [Fact]
    public async Task Cancelling_during_prefill_stops_it_and_keeps_the_work_done()
    {
        // Batches of 512 tokens in micro-batches of 16: the abort callback stops llama_decode inside a batch.
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 4096, BatchSize = 512, MicroBatchSize = 16, Slots = 1 });
        var prompt = tiny.CodeTokens(3000);
        using var cts = new CancellationTokenSource();
        // Cancelled from the engine thread as soon as the first batch is cached: the rest of the prefill is aborted.
        var prefill = engine.PrefillAsync(prompt, cts.Token, cached => cts.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prefill);

        var cancelled = engine.RecentStats()[^1];
        Assert.True(cancelled.Cancelled);
        // The first batch, plus at most the micro-batch that was computing when the flag was read.
        Assert.InRange(cancelled.DecodedTokens, 512, 512 + 16);

        // The cache is still usable: the next request continues from what was decoded.
        var resumed = await engine.PrefillAsync(prompt);
        Assert.Equal(cancelled.DecodedTokens, resumed.Stats.CachedTokens);
        Assert.Equal(prompt.Length - cancelled.DecodedTokens, resumed.Stats.DecodedTokens);
    }

    [Fact]
    public async Task Cancelling_a_generation_ends_its_stream()
    {
        await using var engine = await tiny.StartEngineAsync();
        using var cts = new CancellationTokenSource();
        var generation = engine.Generate(new GenerationRequest(tiny.CodeTokens(50)) { MaxTokens = 100_000 }, cts.Token);
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in generation.Pieces)
                if (++received == 3) cts.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generation.Completion);
        // The engine serves the next request.
        var next = await engine.Generate(new GenerationRequest(tiny.CodeTokens(50)) { MaxTokens = 2 }).ReadAllAsync();
        Assert.True(next.Stats.CachedTokens >= 49);
    }

    [Fact]
    public async Task Stopping_ends_the_running_generation_and_fails_what_is_queued_without_running_it()
    {
        var engine = await tiny.StartEngineAsync();
        // Runs until the context is full unless stopped; the second one waits behind it.
        var running = engine.Generate(new GenerationRequest(tiny.CodeTokens(50)) { MaxTokens = 100_000 });
        var queued = engine.Generate(new GenerationRequest(tiny.CodeTokens(60)) { MaxTokens = 4 });
        var received = 0;
        await foreach (var _ in running.Pieces)
            if (++received == 3) break;

        engine.Stop();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.Completion.WaitAsync(TestLimits.MachineBound));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.Completion.WaitAsync(TestLimits.MachineBound));
        Assert.DoesNotContain(engine.RecentStats(), s => s.PromptTokens == 60); // never started
        // Nothing is taken after a stop.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.Generate(new GenerationRequest(tiny.CodeTokens(40)) { MaxTokens = 2 }).Completion);
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_gets_a_clear_error_and_the_engine_lives_on()
    {
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 256, Slots = 1 });
        var error = await Assert.ThrowsAsync<PromptTooLongException>(() => engine.PrefillAsync(tiny.CodeTokens(300)));
        Assert.Contains("300 tokens", error.Message);
        Assert.Contains("256", error.Message);
        var ok = await engine.PrefillAsync(tiny.CodeTokens(200));
        Assert.Equal(200, ok.Stats.DecodedTokens);
    }

    [Fact]
    public async Task Generation_stops_at_the_end_of_the_context()
    {
        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 256, Slots = 1 });
        var (_, stats) = await engine.Generate(new GenerationRequest(tiny.CodeTokens(250)) { MaxTokens = 100, StopTokens = [] }).ReadAllAsync();
        Assert.True(stats.StopReason is StopReason.ContextFull or StopReason.EndOfGeneration, $"{stats.StopReason}");
        Assert.True(stats.PromptTokens + stats.GeneratedTokens <= 257);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task Out_of_vocabulary_ids_are_refused_before_llama_cpp_sees_them(int id)
    {
        await using var engine = await tiny.StartEngineAsync();
        var prompt = tiny.CodeTokens(10).Append(new Token(id)).ToArray();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.PrefillAsync(prompt));
        Assert.Equal(10, (await engine.PrefillAsync(tiny.CodeTokens(10))).Stats.DecodedTokens);
    }

    [Fact]
    public async Task An_empty_prompt_is_refused()
    {
        await using var engine = await tiny.StartEngineAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => engine.PrefillAsync([]));
    }

    [Fact]
    public async Task A_grammar_constrains_the_output()
    {
        await using var engine = await tiny.StartEngineAsync();
        var request = new GenerationRequest(tiny.CodeTokens(40))
        {
            MaxTokens = 40,
            Sampling = new SamplingOptions { Temperature = 0.8f, Grammar = """root ::= ("yes" | "no") ";" """ },
        };
        var (text, _) = await engine.Generate(request).ReadAllAsync();
        Assert.Matches("^(yes|no);$", text.TrimStart());
    }

    [Fact]
    public async Task A_grammar_that_does_not_parse_is_an_error()
    {
        await using var engine = await tiny.StartEngineAsync();
        var request = new GenerationRequest(tiny.CodeTokens(10)) { Sampling = new SamplingOptions { Grammar = "root ::= (" } };
        await Assert.ThrowsAsync<ArgumentException>(() => engine.Generate(request).ReadAllAsync());
    }

    [Fact]
    public async Task Stop_strings_end_generation_and_are_not_emitted()
    {
        await using var engine = await tiny.StartEngineAsync();
        var prompt = tiny.CodeTokens(60);
        var (free, _) = await engine.Generate(new GenerationRequest(prompt) { MaxTokens = 30 }).ReadAllAsync();
        Assert.True(free.Length >= 4, $"generated only '{free}'");
        var stop = free.Substring(2, 2);
        var (text, stats) = await engine.Generate(new GenerationRequest(prompt) { MaxTokens = 30, StopStrings = [stop] }).ReadAllAsync();
        Assert.Equal(StopReason.StopString, stats.StopReason);
        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], text);
    }

    [Theory]
    [InlineData("Cou")]
    [InlineData(" Console.Wri")]   // several tokens' worth
    [InlineData("é")]              // a multi-byte character
    public async Task A_required_prefix_is_what_generation_starts_with(string required)
    {
        await using var engine = await tiny.StartEngineAsync();
        foreach (var temperature in new[] { 0f, 1.5f })
        {
            var request = new GenerationRequest(tiny.CodeTokens(80))
            {
                MaxTokens = 12, RequiredPrefix = required, Sampling = new SamplingOptions { Temperature = temperature, Seed = 7 },
            };
            var (text, _) = await engine.Generate(request).ReadAllAsync();
            Assert.StartsWith(required, text);
        }
    }

    [Fact]
    public async Task A_time_budget_ends_generation_with_what_it_has()
    {
        await using var engine = await tiny.StartEngineAsync();
        var request = new GenerationRequest(tiny.CodeTokens(50)) { MaxTokens = 1_000_000, TimeBudget = TimeSpan.FromMilliseconds(200) };
        var (_, stats) = await engine.Generate(request).ReadAllAsync();
        Assert.True(stats.StopReason is StopReason.TimeBudget or StopReason.EndOfGeneration or StopReason.ContextFull, $"{stats.StopReason}");
        Assert.False(stats.Cancelled);
    }

    private static int ArgMax(float[] v)
    {
        var best = 0;
        for (var i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
