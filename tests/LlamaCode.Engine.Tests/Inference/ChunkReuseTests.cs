using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Inference;

/// <summary>KV chunk reuse with shifted positions, against real llama.cpp on the generated tiny model.</summary>
[Collection(TinyModelCollection.Name)]
public class ChunkReuseTests(TinyModel tiny)
{
    private const string Body = """
        public sealed class OrderService
        {
            private readonly IRepository<Order> _orders;
            public OrderService(IRepository<Order> orders) => _orders = orders;
            public async Task<Order?> FindAsync(int id, CancellationToken ct)
            {
                var order = await _orders.GetAsync(id, ct);
                if (order is null) return null;
                order.LastSeen = DateTimeOffset.UtcNow;
                return order;
            }
            public IEnumerable<Order> Recent(int days) => _orders.All().Where(o => o.Created > DateTime.UtcNow.AddDays(-days));
        }
        """;

    [Fact]
    public void Shifting_cached_positions_keeps_the_logits()
    {
        // Keys carry RoPE positions; llama_memory_seq_add re-rotates them. Decoding after a shifted span must give what
        // decoding after the same span computed at the new positions gives.
        var span = tiny.Model.Tokenize(Body, addSpecial: true);
        var next = tiny.Model.Tokenize("\n    public void Clear()", addSpecial: false);
        const int shift = 37;
        var options = new EngineOptions { ContextSize = 1024, Slots = 1 };
        var seq = new SequenceId(0);

        float[] warm, cold;
        using (var session = new LlamaSession(tiny.Model, options))
        {
            Assert.True(session.CanShift);
            Assert.Equal(DecodeOutcome.Done, session.Decode(seq, span, 0, out _));
            session.Shift(seq, 0, span.Length, shift);
            Assert.Equal(DecodeOutcome.Done, session.Decode(seq, next, span.Length + shift, out var at));
            warm = session.Logits(at);
        }
        using (var session = new LlamaSession(tiny.Model, options))
        {
            Assert.Equal(DecodeOutcome.Done, session.Decode(seq, span, shift, out _));
            Assert.Equal(DecodeOutcome.Done, session.Decode(seq, next, span.Length + shift, out var at));
            cold = session.Logits(at);
        }
        Assert.True(MaxAbsDiff(warm, cold) < 1e-3f * MaxAbs(cold), $"max |warm - cold| = {MaxAbsDiff(warm, cold)}, logits up to {MaxAbs(cold)}");
    }

    [Fact]
    public async Task Enter_at_the_start_of_the_prompt_moves_the_rest_instead_of_decoding_it()
    {
        // An SPM prompt starts with the suffix: Enter between braces inserts tokens there, and the whole rest moves.
        var head = tiny.Model.Tokenize("}", addSpecial: true);
        var inserted = tiny.Model.Tokenize("\n        \n    }", addSpecial: true);
        var rest = tiny.Model.Tokenize(Body + Body, addSpecial: false);
        Token[] before = [.. head, .. rest], after = [.. inserted, .. rest];

        await using var engine = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 1, MinChunkTokens = 64 });
        await engine.PrefillAsync(before);
        var warm = await engine.PrefillAsync(after);
        var again = await engine.PrefillAsync(after);

        var common = KvReusePlanner.CommonPrefix(before, after);
        Assert.True(warm.Stats.DecodedTokens <= after.Length - rest.Length - common + 1, $"decoded {warm.Stats.DecodedTokens} of {after.Length}");
        Assert.Equal(after.Length - warm.Stats.DecodedTokens, warm.Stats.CachedTokens);
        // The slot now holds exactly the new prompt: the same prompt again decodes only its last token, with the same logits.
        Assert.Equal((after.Length - 1, 1), (again.Stats.CachedTokens, again.Stats.DecodedTokens));
        Assert.Equal(warm.Logits, again.Logits);

        await using var fresh = await tiny.StartEngineAsync(new EngineOptions { ContextSize = 2048, Slots = 1 });
        var cold = (await fresh.PrefillAsync(after)).Logits;
        // The moved span was computed after the old start: an approximation, as llama-server's cache reuse. Say how close.
        Console.WriteLine($"warm vs cold after a moved chunk: max |diff| {MaxAbsDiff(warm.Logits, cold)}, logits up to {MaxAbs(cold)}, same argmax {ArgMax(warm.Logits) == ArgMax(cold)}");
    }

    private static float MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    private static float MaxAbs(float[] a) => a.Max(Math.Abs);
    private static int ArgMax(float[] a) => Array.IndexOf(a, a.Max());
}

/// <summary>Keystrokes go ahead of explanations and reviews in the engine's queue.</summary>
[Collection(TinyModelCollection.Name)]
public class EnginePriorityTests(TinyModel tiny)
{
    [Fact]
    public async Task Interactive_work_queued_behind_background_work_runs_first()
    {
        await using var engine = await tiny.StartEngineAsync();
        using var hold = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        // Keep the engine thread busy until both are queued: its first prefill waits in its progress callback.
        var busy = engine.PrefillAsync(tiny.CodeTokens(20), onProgress: _ => { started.Set(); hold.Wait(); });
        Assert.True(started.Wait(TimeSpan.FromMinutes(1)));

        // The order the engine thread works on them, recorded on that thread (continuations of the tasks would race
        // on the thread pool: a busy machine ran the second one's first).
        var order = new List<string>();
        void Worked(string what) { lock (order) if (!order.Contains(what)) order.Add(what); }
        var background = engine.PrefillAsync(tiny.CodeTokens(30), onProgress: _ => Worked("explain"), priority: EnginePriority.Background);
        var keystroke = engine.PrefillAsync(tiny.CodeTokens(25), onProgress: _ => Worked("keystroke"));
        hold.Set();
        await Task.WhenAll(busy, background, keystroke);
        Assert.Equal(["keystroke", "explain"], order);
    }
}
