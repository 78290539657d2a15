using LlamaCode.Engine.Gguf;
using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>Sizes: files cut short, claims past the end, counts that make parsing slow.</summary>
internal static class HostileSizeCases
{
    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.Size;
        yield return Bytes("size-truncated-half", c, "half the file", i => i.Truncate(i.Bytes.Length / 2));
        yield return Bytes("size-truncated-last-byte", c, "the last byte missing", i => i.Truncate(i.Bytes.Length - 1));
        yield return Bytes("size-truncated-in-data", c, "cut 64 bytes into the data", i => i.Truncate(i.DataStart(LastTensor) + 64));
        yield return Bytes("size-tensor-past-end", c, "a tensor whose data runs past the end", i => i.SetUInt64(i.TensorInfo(LastTensor).FirstDim + 8, 1 << 20));
        yield return Spec("size-kv-100k", c, "100,000 metadata entries", s =>
        {
            for (int n = 0; n < 100_000; n++) s.Set($"x.key{n}", (uint)n);
        });
        yield return Spec("size-kv-20k", c, "20,000 metadata entries", s =>
        {
            for (int n = 0; n < 20_000; n++) s.Set($"x.key{n}", (uint)n);
        });
        yield return Spec("size-tensors-20k", c, "20,000 tensors", s =>
        {
            for (int n = 0; n < 20_000; n++) s.Tensors.Add(new TensorSpec($"extra.{n}.weight", GgmlType.F32, [8], TensorFill.Constant, 0f));
        });
        yield return Spec("size-context-2e24", c, "a training context of 2^24+1 tokens", s => s.Set("llama.context_length", (1u << 24) + 1));
        yield return Spec("size-vocab-3m", c, "a vocabulary of 3,000,000 tokens", s =>
        {
            var tokens = Tokens(s).Concat(Enumerable.Range(0, 3_000_000 - Tokens(s).Length).Select(n => $"t{n}")).ToArray();
            s.Set("tokenizer.ggml.tokens", tokens);
        });
        yield return Spec("size-description-16m", c, "a 16 MB string beside 3 MB of noise keys", s =>
        {
            s.Set("general.description", new string('x', 16 << 20));
            s.Set("x.noise", Enumerable.Range(0, 200_000).Select(n => $"n{n}").ToArray());
            s.Set("llama.block_count", 0u);
        });
        yield return Bytes("size-tensor-count-one-more", c, "a tensor count one more than the infos", i => i.SetUInt64(8, i.UInt64(8) + 1));
        yield return Bytes("size-kv-count-one-more", c, "a metadata count one more than the entries", i => i.SetUInt64(16, i.UInt64(16) + 1));
    }
}
