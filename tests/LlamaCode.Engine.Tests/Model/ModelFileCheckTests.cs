using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;
using LlamaCode.ModelGenerator.Hostile;

namespace LlamaCode.Engine.Tests.Model;

/// <summary>The managed checks, case by case: each hazard of the hostile corpus refused with its reason, before llama.cpp reads the file.</summary>
public sealed class ModelFileCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("llamacode-checks-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    // corpus case → the problem reported
    [InlineData("hp-block-count-0", "llama.block_count is 0, outside 1..512")]
    [InlineData("hp-block-count-100000", "llama.block_count is 100,000, outside 1..512")]
    [InlineData("hp-rope-scaling-unknown", "llama.rope.scaling.type 'bogus' is not one of none, linear, yarn, longrope")]
    [InlineData("hp-expert-count-2000", "llama.expert_count is 2,000, outside 0..1,024")]
    [InlineData("hp-experts-used-more", "llama.expert_used_count 8 is more than llama.expert_count 4")]
    [InlineData("hp-rms-epsilon-negative", "llama.attention.layer_norm_rms_epsilon is -1E-05, but must be a positive finite number")]
    [InlineData("hp-rms-epsilon-nan", "llama.attention.layer_norm_rms_epsilon is NaN, but must be a positive finite number")]
    [InlineData("hp-rope-freq-base-0", "llama.rope.freq_base is 0, but must be a positive finite number")]
    [InlineData("hp-head-count-kv-3", "layer 0: 3 key/value heads do not divide 4 attention heads")]
    [InlineData("tok-duplicate-texts", "tokens 300 and 301 have the same text")]
    [InlineData("tok-newline-byte-missing", "lacks the byte token <0x0A>")]
    [InlineData("tok-all-bytes-missing", "lacks the byte token <0x00> and 161 more")]
    [InlineData("tok-model-bert", "has a 'bert' tokenizer; LlamaCode supports SentencePiece ('llama') and byte-level BPE ('gpt2') vocabularies")]
    [InlineData("tok-model-rwkv", "has a 'rwkv' tokenizer")]
    [InlineData("tok-bpe-newline-missing", "lacks the byte-level token for byte 0x0A")]
    [InlineData("tok-byte-type-misspelled", "is typed as a byte but is not spelled <0xHH>")]
    [InlineData("w-i32-weights", "tensor 'blk.0.attn_q.weight' has type I32, which no model weight can have")]
    [InlineData("w-i32-token-embd", "tensor 'token_embd.weight' has type I32")]
    [InlineData("w-f16-norm", "tensor 'blk.0.attn_norm.weight' is a 1-D F16 tensor; llama.cpp needs norms and biases in F32")]
    [InlineData("w-nan-norm", "tensor 'blk.0.attn_norm.weight' holds NaN at element 0")]
    [InlineData("w-token-embd-transposed", "tensor 'token_embd.weight' has shape [2657, 128] but a llama model with these hyper-parameters needs [128, 2657]")]
    [InlineData("w-extra-layer", "tensor 'blk.7.attn_norm.weight' is for layer 7 but llama.block_count is 2")]
    [InlineData("ti-100k-infos", "header claims 100021 tensors (limit 16384)")]
    [InlineData("size-kv-100k", "header claims 100031 metadata entries (limit 16384)")]
    [InlineData("size-vocab-3m", "has 3,000,000 tokens (limit 2,097,152)")]
    public void A_hazard_is_refused_before_llama_cpp_reads_the_file(string caseName, string expected)
    {
        var path = HostileCorpus.WriteAll(_folder, c => c.Name == caseName).Single().Value;

        var error = Assert.Throws<InvalidModelFileException>(() => ModelFileCheck.Validate(path));

        Assert.Contains(expected, error.Problem);
        Assert.StartsWith(path + ": ", error.Message);
    }

    [Theory]
    [InlineData(DevModelFamily.CodeLlama)]
    [InlineData(DevModelFamily.StarCoder2)]
    [InlineData(DevModelFamily.DeepSeekCoder)]
    [InlineData(DevModelFamily.Qwen25Coder)]
    [InlineData(DevModelFamily.CodeGemma)]
    public void The_dev_models_of_every_family_pass(DevModelFamily family) =>
        ModelFileCheck.Validate(DevModels.GetOrCreate(family, FimTokenIds.ByTokenText));
}
