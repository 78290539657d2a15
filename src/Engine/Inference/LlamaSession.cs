using System.Runtime.InteropServices;
using LlamaCode.Engine.Model;
using LlamaCode.Engine.Native;

namespace LlamaCode.Engine.Inference;

/// <summary>
/// A llama context and its reusable batch. Owned by the engine thread: nothing here is thread-safe.
/// Every batch handed to llama_decode is non-empty, at most n_batch long, holds only in-vocabulary ids
/// and positions inside the context: llama.cpp aborts the process on any of those.
/// </summary>
internal sealed unsafe class LlamaSession : IDisposable
{
    private readonly LlamaModel _model;
    private readonly int* _abortFlag;
    private LlamaBatch _batch;

    public SafeLlamaContextHandle Context { get; }
    public int ContextSize { get; }
    public int BatchSize { get; }
    public int SequenceCapacity { get; }

    public LlamaSession(LlamaModel model, EngineOptions options)
    {
        _model = model;
        var p = LlamaApi.llama_context_default_params();
        p.n_ctx = (uint)(options.ContextSize > 0 ? options.ContextSize : model.Info.TrainingContextLength);
        p.n_batch = (uint)options.BatchSize;
        p.n_ubatch = (uint)Math.Min(options.MicroBatchSize, options.BatchSize);
        p.n_seq_max = (uint)options.Slots + 1; // + the scratch sequence chunk reuse decodes gaps in
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        p.n_threads = threads;
        p.n_threads_batch = threads;
        p.kv_unified = 1; // each slot may use the whole context
        p.no_perf = 1;

        var raw = LlamaApi.llama_init_from_model(model.Handle, p);
        if (raw == IntPtr.Zero)
            throw new InvalidOperationException($"llama.cpp could not create a context of {p.n_ctx} tokens (see the log; try a smaller context size).");
        Context = new SafeLlamaContextHandle(raw, model.Handle);
        ContextSize = (int)LlamaApi.llama_n_ctx_seq(Context);
        BatchSize = (int)LlamaApi.llama_n_batch(Context);
        SequenceCapacity = options.Slots;
        Scratch = new SequenceId(options.Slots);

        _abortFlag = (int*)NativeMemory.AllocZeroed(sizeof(int));
        LlamaApi.llama_set_abort_callback(Context, &ShouldAbort, _abortFlag);
        _batch = LlamaApi.llama_batch_init(BatchSize, 0, 1);
    }

    /// <summary>Set from any thread: the running decode stops after its current micro-batch.</summary>
    public void RequestAbort() => Volatile.Write(ref *_abortFlag, 1);

    public void ClearAbort() => Volatile.Write(ref *_abortFlag, 0);

    [UnmanagedCallersOnly]
    private static byte ShouldAbort(void* data) => Volatile.Read(ref *(int*)data) != 0 ? (byte)1 : (byte)0;

    private IntPtr Memory => LlamaApi.llama_get_memory(Context);

    /// <summary>Drops the cached tokens of <paramref name="seq"/> from position <paramref name="from"/> on; false if it cannot.</summary>
    public bool RemoveFrom(SequenceId seq, int from) => LlamaApi.llama_memory_seq_rm(Memory, seq.Value, from, -1) != 0;

    public void Clear(SequenceId seq) => LlamaApi.llama_memory_seq_rm(Memory, seq.Value, -1, -1);

    /// <summary>Drops the cached tokens of <paramref name="seq"/> at positions [p0, p1); false if it cannot.</summary>
    public bool RemoveRange(SequenceId seq, int p0, int p1) => LlamaApi.llama_memory_seq_rm(Memory, seq.Value, p0, p1) != 0;

    /// <summary>A sequence no slot uses: chunk reuse decodes the tokens between reused chunks there.</summary>
    public SequenceId Scratch { get; }

    /// <summary>Whether cached positions can be shifted (RoPE models; llama.cpp applies the key shift at the next decode).</summary>
    public bool CanShift => LlamaApi.llama_memory_can_shift(Memory) != 0;

    /// <summary>Adds <paramref name="delta"/> to the positions in [p0, p1) of <paramref name="seq"/> (llama_memory_seq_add).</summary>
    public void Shift(SequenceId seq, int p0, int p1, int delta) => LlamaApi.llama_memory_seq_add(Memory, seq.Value, p0, p1, delta);

    /// <summary>Makes the cells of <paramref name="source"/> at positions [p0, p1) belong to <paramref name="target"/> too (no copy in a unified cache).</summary>
    public void Copy(SequenceId source, SequenceId target, int p0, int p1) => LlamaApi.llama_memory_seq_cp(Memory, source.Value, target.Value, p0, p1);

    /// <summary>Tokens of <paramref name="seq"/> actually in the KV cache (positions 0..n-1).</summary>
    public int CachedLength(SequenceId seq) => LlamaApi.llama_memory_seq_pos_max(Memory, seq.Value) + 1;

    /// <summary>
    /// Decodes <paramref name="tokens"/> at positions starting at <paramref name="startPos"/>, in batches of at most n_batch.
    /// Only the very last token produces logits; returns its batch index for sampling.
    /// <paramref name="decodedUpTo"/> hears, after each batch, how many positions of the sequence are now cached.
    /// </summary>
    /// <param name="pacing">Smaller batches and a stop check before each (background work that yields between batches
    /// instead of being aborted inside llama.cpp); null: batches of n_batch, stopped only by <see cref="RequestAbort"/>.</param>
    public DecodeOutcome Decode(SequenceId seq, ReadOnlySpan<Token> tokens, int startPos, out int lastBatchIndex, Action<int>? decodedUpTo = null,
        DecodePacing? pacing = null)
    {
        lastBatchIndex = -1;
        if (tokens.IsEmpty) throw new ArgumentException("nothing to decode");
        if (startPos < 0 || startPos + tokens.Length > ContextSize)
            throw new PromptTooLongException(startPos + tokens.Length, ContextSize);
        foreach (var t in tokens)
            if (!_model.IsValid(t)) throw new ArgumentOutOfRangeException(nameof(tokens), t.Id, $"token id outside the vocabulary (0..{_model.Info.VocabularySize - 1})");

        var batchSize = pacing is { BatchSize: > 0 } paced ? Math.Min(paced.BatchSize, BatchSize) : BatchSize;
        for (var offset = 0; offset < tokens.Length; offset += batchSize)
        {
            if (pacing?.ShouldStop() == true) return DecodeOutcome.Aborted;
            var n = Math.Min(batchSize, tokens.Length - offset);
            for (var i = 0; i < n; i++)
            {
                _batch.token[i] = tokens[offset + i].Id;
                _batch.pos[i] = startPos + offset + i;
                _batch.n_seq_id[i] = 1;
                _batch.seq_id[i][0] = seq.Value;
                _batch.logits[i] = 0;
            }
            var isLast = offset + n == tokens.Length;
            if (isLast) _batch.logits[n - 1] = 1;
            _batch.n_tokens = n;

            var rc = LlamaApi.llama_decode(Context, _batch);
            switch (rc)
            {
                case 0: break;
                case 2: return DecodeOutcome.Aborted;
                case 1: return DecodeOutcome.NoKvSpace;
                default: throw new InvalidOperationException($"llama_decode failed with code {rc}");
            }
            if (isLast) lastBatchIndex = n - 1;
            decodedUpTo?.Invoke(startPos + offset + n);
        }
        return DecodeOutcome.Done;
    }

    /// <summary>A copy of the logits at batch index <paramref name="batchIndex"/> of the last decode.</summary>
    public float[] Logits(int batchIndex)
    {
        var p = LlamaApi.llama_get_logits_ith(Context, batchIndex);
        if (p == null) throw new InvalidOperationException($"no logits at batch index {batchIndex}");
        return new ReadOnlySpan<float>(p, _model.Info.VocabularySize).ToArray();
    }

    private bool _disposed;

    /// <summary>
    /// Throws <see cref="ModelUnusableException"/> when a logit at <paramref name="batchIndex"/> is NaN or infinite: sampling
    /// from them picks arbitrary tokens (NaN weights, a zero RoPE base), so no request can use this model.
    /// </summary>
    public void EnsureFiniteLogits(int batchIndex)
    {
        var p = LlamaApi.llama_get_logits_ith(Context, batchIndex);
        if (p == null) throw new InvalidOperationException($"no logits at batch index {batchIndex}");
        var logits = new ReadOnlySpan<float>(p, _model.Info.VocabularySize);
        for (var id = 0; id < logits.Length; id++)
            if (!float.IsFinite(logits[id]))
                throw new ModelUnusableException($"the model gives non-finite logits ({logits[id]} for token {id})");
    }

    /// <summary>Masks out (to -∞), in place, the logits at <paramref name="batchIndex"/> of every token <paramref name="allowed"/> refuses.</summary>
    public void MaskLogits(int batchIndex, Func<int, bool> allowed)
    {
        var p = LlamaApi.llama_get_logits_ith(Context, batchIndex);
        if (p == null) throw new InvalidOperationException($"no logits at batch index {batchIndex}");
        var logits = new Span<float>(p, _model.Info.VocabularySize);
        for (var id = 0; id < logits.Length; id++)
            if (!allowed(id)) logits[id] = float.NegativeInfinity;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LlamaApi.llama_batch_free(_batch);
        Context.Dispose(); // before the abort flag it reads
        NativeMemory.Free(_abortFlag);
    }
}

internal enum DecodeOutcome { Done, Aborted, NoKvSpace }

/// <summary>How background work decodes: batches of at most <paramref name="BatchSize"/>, asking <paramref name="ShouldStop"/> before each.</summary>
internal sealed record DecodePacing(int BatchSize, Func<bool> ShouldStop);
