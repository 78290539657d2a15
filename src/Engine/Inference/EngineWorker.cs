using System.Diagnostics;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>The engine thread's state: the llama session and its slots. Runs one work item at a time.</summary>
internal sealed class EngineWorker : IDisposable
{
    private readonly LlamaModel _model;
    private readonly EngineOptions _options;
    private readonly InferenceEngine _owner;
    private readonly KvSlot[] _slots;
    private long _clock;
    private readonly bool _canShift;
    private DecodePacing? _pacing; // set while a background prefill runs

    public LlamaSession Session { get; }

    public EngineWorker(LlamaModel model, EngineOptions options, InferenceEngine owner)
    {
        _model = model;
        _options = options;
        _owner = owner;
        Session = new LlamaSession(model, options);
        _canShift = Session.CanShift;
        _slots = Enumerable.Range(0, options.Slots).Select(i => new KvSlot(new SequenceId(i))).ToArray();
    }

    public void Execute(WorkItem item)
    {
        var run = new RequestRun(item.EnqueuedAt);
        if (item.CancellationToken.IsCancellationRequested)
        {
            if (item is SpeculativePrefillWork preempted) _owner.Resume(preempted);
            else item.Cancel();
            return;
        }

        using var budget = item is GenerateWork { Request.TimeBudget: { } limit }
            ? new CancellationTokenSource(limit - Stopwatch.GetElapsedTime(item.EnqueuedAt) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero)
            : null;
        Session.ClearAbort();
        // The engine was stopped between taking this item and clearing the abort: it ends at its first decode.
        if (_owner.IsStopping) Session.RequestAbort();
        // A background prefill is not aborted inside llama.cpp: it yields between its small batches (see RunSpeculativePrefill).
        var cancelRegistration = item is SpeculativePrefillWork ? default : item.CancellationToken.Register(Session.RequestAbort);
        var budgetRegistration = budget?.Token.Register(Session.RequestAbort) ?? default;
        try
        {
            switch (item)
            {
                case GenerateWork g: RunGenerate(g, run, budget?.Token ?? CancellationToken.None); break;
                case PrefillWork p: RunPrefill(p, run); break;
                case SpeculativePrefillWork s: RunSpeculativePrefill(s, run); break;
            }
        }
        catch (Exception e)
        {
            item.Fail(e);
        }
        finally
        {
            // Dispose waits for a callback that is running, so no abort from this request can leak into the next.
            cancelRegistration.Dispose();
            budgetRegistration.Dispose();
            Session.ClearAbort();
        }
    }

    /// <summary>
    /// Prompt tokens per second, from a short decode in the scratch sequence (after a tiny warm-up that pays the
    /// one-time set-up): the first keystroke's prefill budget, before any real prefill was timed. Short batches run
    /// slower per token than long ones, so this errs on the cautious side.
    /// </summary>
    public double MeasurePrefillSpeed(int tokens = 64)
    {
        tokens = Math.Min(tokens, Math.Min(Session.BatchSize, Session.ContextSize));
        var vocabulary = _model.Info.VocabularySize;
        var probe = Enumerable.Range(0, tokens).Select(i => new Token((int)((i * 7919L + 13) % vocabulary))).ToArray();
        try
        {
            Session.Decode(Session.Scratch, probe.AsSpan(0, Math.Min(8, tokens)), 0, out _);
            Session.Clear(Session.Scratch);
            var started = Stopwatch.GetTimestamp();
            var outcome = Session.Decode(Session.Scratch, probe, 0, out _);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return outcome == DecodeOutcome.Done && elapsed > TimeSpan.Zero ? tokens / elapsed.TotalSeconds : 0;
        }
        finally
        {
            Session.Clear(Session.Scratch);
        }
    }

    private void RunPrefill(PrefillWork work, RequestRun run)
    {
        var prefill = Prefill(work.Prompt, PlanFor(work.Prompt), run, work.OnProgress);
        if (prefill.Aborted)
        {
            _owner.Record(run.Stats(prefill.Slot.Id.Value, 0, null, cancelled: true));
            work.Cancel();
            return;
        }
        Session.EnsureFiniteLogits(prefill.LastBatchIndex);
        var logits = Session.Logits(prefill.LastBatchIndex);
        var done = run.Stats(prefill.Slot.Id.Value, 0, null, cancelled: false);
        _owner.Record(done);
        work.Result.TrySetResult(new PrefillResult(logits, done));
    }

    /// <summary>
    /// Fills the KV cache with a prompt that a fallback answered, for the next keystroke. It keeps clear of the slot
    /// that serves the fallback; when interactive work preempts it, what it decoded stays cached and it goes back in
    /// the queue (unless a newer one replaced it).
    /// </summary>
    private void RunSpeculativePrefill(SpeculativePrefillWork work, RequestRun run)
    {
        var avoid = work.AvoidSlot >= 0 && work.AvoidSlot < _slots.Length && _slots.Length > 1 ? work.AvoidSlot : -1;
        var plan = PlanFor(work.Prompt, avoid);
        // Batches of about 50 ms at the measured speed: a keystroke that arrives waits at most that long.
        var batch = (int)Math.Clamp(_owner.PrefillTokensPerSecond * 0.05, 16, Session.BatchSize);
        _pacing = new DecodePacing(batch, () => work.CancellationToken.IsCancellationRequested);
        PrefillOutcome prefill;
        try
        {
            prefill = Prefill(work.Prompt, plan, run);
        }
        finally
        {
            _pacing = null;
        }
        _owner.Record(run.Stats(prefill.Slot.Id.Value, 0, null, cancelled: prefill.Aborted) with { Speculative = true });
        if (prefill.Aborted) _owner.Resume(work);
        else work.Done();
    }

    private void RunGenerate(GenerateWork work, RequestRun run, CancellationToken budget)
    {
        var answer = work.Request.Fallback is { } fallback && work.Request.PrefillBudgetTokens is not null
            ? PlanAnswer(work.Request, fallback)
            : new AnswerPlan(PlanFor(work.Request.Prompt), false);
        var request = answer.UseFallback ? work.Request.Fallback! : work.Request;
        run.Fallback = answer.UseFallback;
        var prefill = Prefill(request.Prompt, answer.Plan, run);
        var slot = prefill.Slot;
        if (answer.UseFallback) _owner.Speculate(work.Request.Prompt, answer.BackgroundAvoidSlot);
        if (prefill.Aborted)
        {
            FinishAborted(work, run, slot, 0, budget);
            return;
        }

        using var sampler = SamplerChain.Create(_model, request.Sampling);
        var text = new Utf8PieceDecoder();
        var stops = new StopStringMatcher(request.StopStrings);
        var stopTokens = request.StopTokens.ToHashSet();
        var maxTokens = Math.Max(0, request.MaxTokens);
        var position = request.Prompt.Count;
        var batchIndex = prefill.LastBatchIndex;
        var generated = 0;
        StopReason reason;
        var lastToken = Token.None;
        var required = string.IsNullOrEmpty(request.RequiredPrefix) ? null : new RequiredPrefixConstraint(System.Text.Encoding.UTF8.GetBytes(request.RequiredPrefix));

        while (true)
        {
            if (generated >= maxTokens) { reason = StopReason.MaxTokens; break; }
            Session.EnsureFiniteLogits(batchIndex);
            if (required is { IsSatisfied: false })
            {
                var pieces = _model.Pieces;
                Session.MaskLogits(batchIndex, id => required.Allows(pieces[id]));
            }
            var token = sampler.Sample(Session.Context, batchIndex);
            if (required is { IsSatisfied: false }) required.Accept(_model.Pieces[token.Id]);
            run.MarkFirstToken();
            if (_model.IsEndOfGeneration(token)) { reason = StopReason.EndOfGeneration; break; }
            if (stopTokens.Contains(token)) { reason = StopReason.StopToken; break; }
            generated++;
            lastToken = token;
            var emitted = stops.Push(text.Push(_model.TokenPiece(token)));
            if (emitted.Length > 0) work.Pieces.Writer.TryWrite(new GeneratedPiece(token, emitted));
            if (stops.Stopped) { reason = StopReason.StopString; break; }
            if (generated >= maxTokens) { reason = StopReason.MaxTokens; break; }
            if (position + 1 > Session.ContextSize) { reason = StopReason.ContextFull; break; }

            var outcome = DecodeWithEviction(slot, [token], position, out batchIndex);
            if (outcome == DecodeOutcome.Aborted)
            {
                FinishAborted(work, run, slot, generated, budget);
                return;
            }
            if (outcome == DecodeOutcome.NoKvSpace) { reason = StopReason.ContextFull; break; }
            slot.Tokens.Add(token);
            position++;
        }

        var rest = stops.Push(text.Flush()) + stops.Flush();
        if (rest.Length > 0) work.Pieces.Writer.TryWrite(new GeneratedPiece(lastToken, rest));
        var stats = run.Stats(slot.Id.Value, generated, reason, cancelled: false);
        _owner.Record(stats);
        work.Pieces.Writer.TryComplete();
        work.Completion.TrySetResult(stats);
    }

    /// <summary>An abort is either the caller's cancellation or the time budget running out; the cache keeps what was decoded.</summary>
    private void FinishAborted(GenerateWork work, RequestRun run, KvSlot slot, int generated, CancellationToken budget)
    {
        SyncWithCache(slot);
        if (!work.CancellationToken.IsCancellationRequested && budget.IsCancellationRequested)
        {
            var stats = run.Stats(slot.Id.Value, generated, StopReason.TimeBudget, cancelled: false);
            _owner.Record(stats);
            work.Pieces.Writer.TryComplete();
            work.Completion.TrySetResult(stats);
            return;
        }
        _owner.Record(run.Stats(slot.Id.Value, generated, null, cancelled: true));
        work.Cancel();
    }

    private SlotView[] Views() => _slots.Select(s => s.View()).ToArray();

    /// <summary>Chunk reuse needs position shifts, which only some models' caches allow.</summary>
    private int MinChunkTokens => _canShift ? _options.MinChunkTokens : 0;

    private KvPlan PlanFor(IReadOnlyList<Token> prompt, int avoidSlot = -1)
    {
        ValidatePrompt(prompt);
        return KvReusePlanner.Plan(prompt, Views(), _options.MinReuseTokens, MinChunkTokens, avoidSlot);
    }

    private AnswerPlan PlanAnswer(GenerationRequest request, GenerationRequest fallback)
    {
        ValidatePrompt(request.Prompt);
        ValidatePrompt(fallback.Prompt);
        return AnswerPlanner.Plan(request.Prompt, fallback.Prompt, Views(), request.PrefillBudgetTokens, _options.MinReuseTokens, MinChunkTokens);
    }

    private void ValidatePrompt(IReadOnlyList<Token> prompt)
    {
        if (prompt.Count == 0) throw new ArgumentException("The prompt is empty.");
        if (prompt.Count > Session.ContextSize) throw new PromptTooLongException(prompt.Count, Session.ContextSize);
        foreach (var t in prompt)
            if (!_model.IsValid(t)) throw new ArgumentOutOfRangeException(nameof(prompt), t.Id, $"token id outside the vocabulary (0..{_model.Info.VocabularySize - 1})");
    }

    private PrefillOutcome Prefill(IReadOnlyList<Token> prompt, KvPlan plan, RequestRun run, Action<int>? onProgress = null)
    {
        var slot = _slots[plan.Slot];
        slot.LastUsed = ++_clock;
        var tokens = prompt as Token[] ?? prompt.ToArray();
        run.PromptTokens = prompt.Count;
        if (plan.Chunks is { } chunks)
        {
            var moved = AssembleFromChunks(slot, tokens, chunks, run, onProgress);
            if (moved is { } done) return done;
            plan = plan with { KeepTokens = 0 }; // no room for the gaps: decode it all
        }
        var keep = plan.KeepTokens;
        if (!Session.RemoveFrom(slot.Id, keep))
        {
            Session.Clear(slot.Id);
            keep = 0;
        }
        slot.Truncate(keep);
        run.CachedTokens = keep;

        var outcome = TimedDecode(slot, tokens.AsSpan(keep), keep, out var batchIndex, onProgress);
        if (outcome == DecodeOutcome.NoKvSpace)
            throw new InvalidOperationException("The KV cache has no room for this prompt even with every other slot cleared.");
        if (outcome == DecodeOutcome.Aborted)
        {
            SyncWithCache(slot, tokens);
            run.DecodedTokens = slot.Tokens.Count - keep;
            return new PrefillOutcome(slot, -1, Aborted: true);
        }
        slot.Tokens.AddRange(tokens.AsSpan(keep));
        run.DecodedTokens = tokens.Length - keep;
        run.MarkPrefilled();
        return new PrefillOutcome(slot, batchIndex, Aborted: false);
    }

    /// <summary>
    /// Makes the slot hold the prompt from moved chunks of its cache (<see cref="KvChunkPlanner"/>): drops the cells no
    /// span reuses, shifts the reused ones to their new positions, decodes each gap in the scratch sequence (llama.cpp
    /// only appends to a sequence; the scratch one holds the positions before the gap) and gives its cells to the
    /// slot, then decodes the tail in the slot. Null when the KV cache has no room for a gap (the slot is cleared).
    /// </summary>
    private PrefillOutcome? AssembleFromChunks(KvSlot slot, Token[] tokens, KvChunkPlan plan, RequestRun run, Action<int>? onProgress)
    {
        var scratch = Session.Scratch;
        var position = 0;
        foreach (var span in plan.Spans.Where(s => s.Reused))
        {
            if (span.CacheStart > position) Session.RemoveRange(slot.Id, position, span.CacheStart.Value);
            position = span.CacheStart!.Value + span.Length;
        }
        Session.RemoveFrom(slot.Id, position);
        foreach (var span in KvChunkPlanner.ShiftOrder(plan))
            Session.Shift(slot.Id, span.CacheStart!.Value, span.CacheStart.Value + span.Length, span.Shift);
        slot.Tokens.Clear();
        run.CachedTokens = plan.ReusedTokens;

        var tail = plan.Spans[^1];
        foreach (var gap in plan.Spans.Where(s => !s.Reused && s.PromptStart + s.Length < tokens.Length))
        {
            Session.Clear(scratch);
            Session.Copy(slot.Id, scratch, 0, gap.PromptStart);
            var outcome = Session.Decode(scratch, tokens.AsSpan(gap.PromptStart, gap.Length), gap.PromptStart, out _, pacing: _pacing);
            if (outcome == DecodeOutcome.Done) Session.Copy(scratch, slot.Id, gap.PromptStart, gap.PromptStart + gap.Length);
            Session.Clear(scratch);
            if (outcome == DecodeOutcome.Done) continue;
            if (outcome == DecodeOutcome.NoKvSpace)
            {
                Session.Clear(slot.Id);
                return null;
            }
            // Aborted: everything before this gap is in place, so the slot keeps that much for the next request.
            if (!Session.RemoveFrom(slot.Id, gap.PromptStart)) Session.Clear(slot.Id);
            else slot.Tokens.AddRange(tokens.AsSpan(0, gap.PromptStart));
            run.DecodedTokens = 0;
            return new PrefillOutcome(slot, -1, Aborted: true);
        }
        slot.Tokens.AddRange(tokens.AsSpan(0, tail.PromptStart));
        var last = TimedDecode(slot, tokens.AsSpan(tail.PromptStart), tail.PromptStart, out var batchIndex, onProgress);
        if (last == DecodeOutcome.NoKvSpace)
            throw new InvalidOperationException("The KV cache has no room for this prompt even with every other slot cleared.");
        if (last == DecodeOutcome.Aborted)
        {
            SyncWithCache(slot, tokens);
            return new PrefillOutcome(slot, -1, Aborted: true);
        }
        slot.Tokens.AddRange(tokens.AsSpan(tail.PromptStart));
        run.DecodedTokens = plan.DecodedTokens;
        run.MarkPrefilled();
        return new PrefillOutcome(slot, batchIndex, Aborted: false);
    }

    /// <summary>A prompt decode whose speed feeds the engine's prefill budget (<see cref="InferenceEngine.PrefillTokensPerSecond"/>).</summary>
    private DecodeOutcome TimedDecode(KvSlot slot, ReadOnlySpan<Token> tokens, int startPos, out int batchIndex, Action<int>? onProgress)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = DecodeWithEviction(slot, tokens, startPos, out batchIndex, onProgress);
        // Paced batches are smaller and slower per token than a keystroke's: they would understate the speed.
        if (outcome == DecodeOutcome.Done && _pacing is null) _owner.ObservePrefill(tokens.Length, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>Decodes; when the shared KV cache is full, clears the least recently used other slots and retries.</summary>
    private DecodeOutcome DecodeWithEviction(KvSlot slot, ReadOnlySpan<Token> tokens, int startPos, out int batchIndex, Action<int>? onProgress = null)
    {
        while (true)
        {
            var outcome = Session.Decode(slot.Id, tokens, startPos, out batchIndex, onProgress, _pacing);
            if (outcome != DecodeOutcome.NoKvSpace) return outcome;

            // Earlier batches of this call may have landed: continue after them (the caller records the tokens).
            var landed = Session.CachedLength(slot.Id) - startPos;
            if (landed > 0)
            {
                tokens = tokens[landed..];
                startPos += landed;
            }
            var victim = _slots.Where(s => s != slot && s.Tokens.Count > 0).MinBy(s => s.LastUsed);
            if (victim == null) return DecodeOutcome.NoKvSpace;
            Session.Clear(victim.Id);
            victim.Tokens.Clear();
        }
    }

    /// <summary>After an abort, trusts llama.cpp's memory for how much of the prompt is cached.</summary>
    private void SyncWithCache(KvSlot slot, IReadOnlyList<Token>? prompt = null)
    {
        var cached = Session.CachedLength(slot.Id);
        if (prompt != null && cached > slot.Tokens.Count)
            slot.Tokens.AddRange(prompt.Skip(slot.Tokens.Count).Take(cached - slot.Tokens.Count));
        slot.Truncate(cached);
    }

    public void Dispose() => Session.Dispose();

    private readonly record struct PrefillOutcome(KvSlot Slot, int LastBatchIndex, bool Aborted);

    /// <summary>Timings and counts of one request, from the moment it was queued.</summary>
    private sealed class RequestRun(long enqueuedAt)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _prefilled, _firstToken;
        public int PromptTokens, CachedTokens, DecodedTokens;
        public bool Fallback;

        public void MarkPrefilled() => _prefilled = Stopwatch.GetTimestamp();
        public void MarkFirstToken() { if (_firstToken == 0) _firstToken = Stopwatch.GetTimestamp(); }

        public GenerationStats Stats(int slot, int generated, StopReason? reason, bool cancelled)
        {
            var now = Stopwatch.GetTimestamp();
            double Ms(long from, long to) => to == 0 ? 0 : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
            return new GenerationStats(slot, PromptTokens, CachedTokens, DecodedTokens, generated,
                Ms(enqueuedAt, _started), Ms(_started, _prefilled == 0 ? now : _prefilled),
                Ms(enqueuedAt, _firstToken != 0 ? _firstToken : _prefilled), Ms(enqueuedAt, now), reason, cancelled) { Fallback = Fallback };
        }
    }
}
