using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Tests.Gguf;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Dev;

public sealed class DevModelGeneratorTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    private static readonly DevModelShape TinyShape = DevModelShape.For(DevModelSize.Tiny);

    public static TheoryData<string, object> ExpectedMetadata => new()
    {
        { "general.architecture", "llama" },
        { "general.name", "LlamaCode dev model (tiny)" },
        { "llama.context_length", 16384u },
        { "llama.embedding_length", 128u },
        { "llama.block_count", 2u },
        { "llama.feed_forward_length", 352u },
        { "llama.attention.head_count", 4u },
        { "llama.attention.head_count_kv", 2u },
        { "llama.attention.layer_norm_rms_epsilon", 1e-5f },
        { "llama.rope.freq_base", 1e6f },
        { "llama.rope.dimension_count", 32u },
        { "tokenizer.ggml.model", "llama" },
        { "tokenizer.ggml.bos_token_id", 1u },
        { "tokenizer.ggml.eos_token_id", 2u },
        { "tokenizer.ggml.unknown_token_id", 0u },
        { "tokenizer.ggml.add_bos_token", true },
        { "tokenizer.ggml.add_eos_token", false },
    };

    [Theory]
    [MemberData(nameof(ExpectedMetadata))]
    public void Tiny_model_has_llama_metadata(string key, object expected) =>
        Assert.Equal(expected, tiny.Summary.Metadata[key]);

    [Fact]
    public void Special_token_ids_point_at_the_vocabulary_fim_and_eot_tokens()
    {
        var vocab = tiny.Vocabulary;
        var m = tiny.Summary.Metadata;
        Assert.Equal((uint)vocab.EotId, m["tokenizer.ggml.eot_token_id"]);
        Assert.Equal((uint)vocab.FimPrefixId, m["tokenizer.ggml.prefix_token_id"]);
        Assert.Equal((uint)vocab.FimSuffixId, m["tokenizer.ggml.suffix_token_id"]);
        Assert.Equal((uint)vocab.FimMiddleId, m["tokenizer.ggml.middle_token_id"]);
        Assert.Equal((uint)vocab.FimPrefixId, m["tokenizer.ggml.fim_pre_token_id"]);
        Assert.Equal((uint)vocab.Count, m["llama.vocab_size"]);
    }

    [Theory]
    [InlineData("tokenizer.ggml.tokens", GgufValueType.String)]
    [InlineData("tokenizer.ggml.scores", GgufValueType.Float32)]
    [InlineData("tokenizer.ggml.token_type", GgufValueType.Int32)]
    public void Tokenizer_arrays_cover_the_whole_vocabulary(string key, GgufValueType elementType) =>
        Assert.Equal(new GgufArray(elementType, (ulong)tiny.Vocabulary.Count), tiny.Summary.Metadata[key]);

    [Theory]
    [InlineData("token_embd.weight", GgmlType.F16, 128, -1)]
    [InlineData("output_norm.weight", GgmlType.F32, 128, 0)]
    [InlineData("output.weight", GgmlType.F16, 128, -1)]
    [InlineData("blk.0.attn_norm.weight", GgmlType.F32, 128, 0)]
    [InlineData("blk.0.attn_q.weight", GgmlType.F16, 128, 128)]
    [InlineData("blk.1.attn_k.weight", GgmlType.F16, 128, 64)]
    [InlineData("blk.1.attn_v.weight", GgmlType.F16, 128, 64)]
    [InlineData("blk.1.attn_output.weight", GgmlType.F16, 128, 128)]
    [InlineData("blk.1.ffn_norm.weight", GgmlType.F32, 128, 0)]
    [InlineData("blk.1.ffn_gate.weight", GgmlType.F16, 128, 352)]
    [InlineData("blk.1.ffn_up.weight", GgmlType.F16, 128, 352)]
    [InlineData("blk.1.ffn_down.weight", GgmlType.F16, 352, 128)]
    public void Tiny_model_has_llama_tensors_in_gguf_shape_order(string name, GgmlType type, long ne0, long ne1)
    {
        // ne1 of -1 stands for the vocabulary size; 0 for a vector.
        long[] expected = ne1 switch { 0 => [ne0], -1 => [ne0, tiny.Vocabulary.Count], _ => [ne0, ne1] };
        var tensor = tiny.Summary.Tensor(name);
        Assert.Equal(type, tensor.Type);
        Assert.Equal(expected, tensor.Shape);
    }

    [Fact]
    public void Tiny_model_has_exactly_the_llama_tensors_and_the_expected_parameter_count()
    {
        Assert.Equal(3 + 9 * TinyShape.LayerCount, tiny.Summary.Tensors.Count);
        Assert.Equal(TinyShape.ParameterCount(tiny.Vocabulary.Count), tiny.Summary.ParameterCount);
        Assert.InRange(tiny.Summary.FileSize, 1 << 20, 8 << 20);
    }

    [Fact]
    public void Norm_weights_are_one()
    {
        var norm = tiny.Summary.Tensor("blk.0.ffn_norm.weight");
        var values = tiny.Bytes.AsSpan((int)norm.FileOffset, (int)norm.SizeBytes);
        Assert.All(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(values).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Matrix_weights_look_like_small_gaussian_noise()
    {
        var q = tiny.Summary.Tensor("blk.0.attn_q.weight");
        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(tiny.Bytes.AsSpan((int)q.FileOffset, (int)q.SizeBytes));
        double sum = 0, sumSquares = 0;
        foreach (var h in halves) { sum += (double)h; sumSquares += (double)h * (double)h; }
        double mean = sum / halves.Length, sd = Math.Sqrt(sumSquares / halves.Length - mean * mean);
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(sd, 0.018, 0.022);
    }

    [Fact]
    public void Same_seed_gives_identical_files_and_another_seed_different_weights()
    {
        using var temp = new TempDirectory();
        DevModelGenerator.Write(temp.File("again.gguf"), DevModelSize.Tiny, seed: 0);
        DevModelGenerator.Write(temp.File("other.gguf"), DevModelSize.Tiny, seed: 1);

        Assert.Equal(tiny.Bytes, File.ReadAllBytes(temp.File("again.gguf")));
        byte[] other = File.ReadAllBytes(temp.File("other.gguf"));
        Assert.Equal(tiny.Bytes.Length, other.Length);
        Assert.NotEqual(tiny.Bytes, other);
    }

    [Theory]
    [InlineData(DevModelSize.Small, 100_000_000L, 200_000_000L)]
    [InlineData(DevModelSize.Medium, 900_000_000L, 1_200_000_000L)]
    public void Benchmark_shapes_have_realistic_parameter_counts(DevModelSize size, long min, long max)
    {
        var shape = DevModelShape.For(size);
        Assert.InRange(shape.ParameterCount(DevVocabulary.CodeLlamaVocabularySize), min, max);
        Assert.True(shape.HeadCountKv < shape.HeadCount, "uses grouped-query attention");
        Assert.Equal(DevVocabulary.CodeLlamaVocabularySize, shape.VocabularySize);
    }
}
