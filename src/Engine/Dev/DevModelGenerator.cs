using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Dev;

/// <summary>
/// Writes a llama-architecture GGUF with random weights (F16 matrices, F32 norms) and a <see cref="DevVocabulary"/>,
/// loadable by llama.cpp exactly like a real Code Llama file. Its output is noise; its speed and cache behaviour are real.
/// </summary>
public static class DevModelGenerator
{
    /// <summary>Bump when the generated file changes, so cached copies are regenerated.</summary>
    public const int Version = 1;

    public static void Write(string path, DevModelSize size, int seed = 0)
    {
        var shape = DevModelShape.For(size);
        var vocab = new DevVocabulary(shape.Vocab, codeLlamaIds: shape.Vocab >= 32016);
        var kvDim = shape.HeadDim * shape.KvHeads;
        var w = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", $"llamacode-dev-{size.ToString().ToLowerInvariant()}")
            .Add("general.alignment", (uint)GgufWriter.Alignment)
            .Add("llama.context_length", (uint)shape.ContextLength)
            .Add("llama.embedding_length", (uint)shape.Embedding)
            .Add("llama.block_count", (uint)shape.Layers)
            .Add("llama.feed_forward_length", (uint)shape.FeedForward)
            .Add("llama.attention.head_count", (uint)shape.Heads)
            .Add("llama.attention.head_count_kv", (uint)shape.KvHeads)
            .Add("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add("llama.rope.freq_base", 1_000_000f) // as Code Llama
            .Add("llama.rope.dimension_count", (uint)shape.HeadDim)
            .Add("llama.vocab_size", (uint)shape.Vocab)
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", vocab.Tokens)
            .Add("tokenizer.ggml.scores", vocab.Scores)
            .Add("tokenizer.ggml.token_type", vocab.Types)
            .Add("tokenizer.ggml.unknown_token_id", 0u)
            .Add("tokenizer.ggml.bos_token_id", 1u)
            .Add("tokenizer.ggml.eos_token_id", 2u)
            // llama.cpp's detection of EOT looks for another spelling, so it is named explicitly.
            .Add("tokenizer.ggml.eot_token_id", (uint)vocab.EndOfTurn)
            .Add("tokenizer.ggml.fim_pre_token_id", (uint)vocab.Prefix)
            .Add("tokenizer.ggml.fim_suf_token_id", (uint)vocab.Suffix)
            .Add("tokenizer.ggml.fim_mid_token_id", (uint)vocab.Middle)
            .Add("tokenizer.ggml.add_bos_token", true)
            .Add("tokenizer.ggml.add_eos_token", false);

        var rng = new SplitMix(seed);
        var n = 0;
        GgufTensor F16(string name, params int[] dims) => RandomF16(name, dims, rng.Fork(n++));
        GgufTensor Ones(string name, int length) => OnesF32(name, length);

        w.AddTensor(F16("token_embd.weight", shape.Embedding, shape.Vocab));
        w.AddTensor(Ones("output_norm.weight", shape.Embedding));
        w.AddTensor(F16("output.weight", shape.Embedding, shape.Vocab));
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            var p = $"blk.{layer}.";
            w.AddTensor(Ones(p + "attn_norm.weight", shape.Embedding));
            w.AddTensor(F16(p + "attn_q.weight", shape.Embedding, shape.Embedding));
            w.AddTensor(F16(p + "attn_k.weight", shape.Embedding, kvDim));
            w.AddTensor(F16(p + "attn_v.weight", shape.Embedding, kvDim));
            w.AddTensor(F16(p + "attn_output.weight", shape.Embedding, shape.Embedding));
            w.AddTensor(Ones(p + "ffn_norm.weight", shape.Embedding));
            w.AddTensor(F16(p + "ffn_gate.weight", shape.Embedding, shape.FeedForward));
            w.AddTensor(F16(p + "ffn_up.weight", shape.Embedding, shape.FeedForward));
            w.AddTensor(F16(p + "ffn_down.weight", shape.FeedForward, shape.Embedding));
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        w.Write(file);
    }

    private static GgufTensor RandomF16(string name, int[] dims, SplitMix rng)
    {
        var count = dims.Aggregate(1L, (a, d) => a * d);
        return new GgufTensor(name, dims.Select(d => (ulong)d).ToArray(), GgmlTypes.F16, count * 2, stream =>
        {
            // Uniform with the standard deviation 0.02 of common initialisations: 0.02·√3.
            const float scale = 0.0346f;
            var buffer = new byte[1 << 16];
            var left = count;
            while (left > 0)
            {
                var chunk = (int)Math.Min(left, buffer.Length / 2);
                for (var i = 0; i < chunk; i++)
                {
                    var h = BitConverter.HalfToUInt16Bits((Half)(rng.NextSigned() * scale));
                    buffer[2 * i] = (byte)h;
                    buffer[2 * i + 1] = (byte)(h >> 8);
                }
                stream.Write(buffer, 0, chunk * 2);
                left -= chunk;
            }
        });
    }

    private static GgufTensor OnesF32(string name, int length) =>
        new(name, [(ulong)length], GgmlTypes.F32, length * 4L, stream =>
        {
            var bytes = new byte[length * 4];
            for (var i = 0; i < length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), 1.0f);
            stream.Write(bytes);
        });

    /// <summary>A small, fast, seeded generator: the same seed gives the same file.</summary>
    private sealed class SplitMix(long seed)
    {
        private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;

        public SplitMix Fork(int stream) => new((long)(Next() ^ (ulong)stream * 0xD1B54A32D192ED03UL));

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [-1, 1).</summary>
        public float NextSigned() => (Next() >> 40) * (2.0f / (1 << 24)) - 1.0f;
    }
}
