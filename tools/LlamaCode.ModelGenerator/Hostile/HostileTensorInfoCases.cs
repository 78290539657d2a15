using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>Tensor infos: dimensions, types, offsets, names.</summary>
internal static class HostileTensorInfoCases
{
    private const string Q = "blk.0.attn_q.weight", K = "blk.0.attn_k.weight";

    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.TensorInfo;
        yield return Bytes("ti-dims-5", c, "a tensor with 5 dimensions", i => i.SetUInt32(i.TensorInfo(Q).Dims, 5));
        yield return Bytes("ti-dims-huge", c, "a tensor with 2^31 dimensions", i => i.SetUInt32(i.TensorInfo(Q).Dims, 1u << 31));
        yield return Bytes("ti-dims-0", c, "a tensor with no dimensions", i => i.SetUInt32(i.TensorInfo("output_norm.weight").Dims, 0));
        yield return Bytes("ti-dim-zero", c, "a dimension of 0", i => i.SetUInt64(i.TensorInfo(Q).FirstDim, 0));
        yield return Bytes("ti-dim-huge", c, "a dimension of 2^62", i => i.SetUInt64(i.TensorInfo(Q).FirstDim + 8, 1UL << 62));
        yield return Bytes("ti-dim-negative", c, "a dimension of -1", i => i.SetUInt64(i.TensorInfo(Q).FirstDim + 8, ulong.MaxValue));
        yield return Bytes("ti-elements-overflow", c, "dimensions whose product overflows", i => i.SetUInt64(i.TensorInfo(Q).FirstDim, 1UL << 32).SetUInt64(i.TensorInfo(Q).FirstDim + 8, 1UL << 32));
        yield return Bytes("ti-dim-wrong", c, "a 128x128 matrix declared 128x64", i => i.SetUInt64(i.TensorInfo(Q).FirstDim + 8, 64));
        foreach (uint type in new uint[] { 4, 5, 31, 99, uint.MaxValue })
            yield return Bytes($"ti-type-{type:x}", c, $"ggml type {type}", i => i.SetUInt32(i.TensorInfo(Q).Type, type));
        yield return Bytes("ti-type-block-mismatch", c, "a Q4_K tensor with rows of 128 (block 256)", i => i.SetUInt32(i.TensorInfo(Q).Type, 12));
        yield return Bytes("ti-type-smaller", c, "an F16 matrix declared Q8_0 (the data no longer lines up)", i => i.SetUInt32(i.TensorInfo(Q).Type, 8));
        yield return Bytes("ti-offset-misaligned", c, "a data offset off by one", i => i.SetUInt64(i.TensorInfo(K).Offset, i.UInt64(i.TensorInfo(K).Offset) + 1));
        yield return Bytes("ti-offset-swapped", c, "two data offsets swapped", i =>
        {
            ulong q = i.UInt64(i.TensorInfo(Q).Offset), k = i.UInt64(i.TensorInfo(K).Offset);
            i.SetUInt64(i.TensorInfo(Q).Offset, k).SetUInt64(i.TensorInfo(K).Offset, q);
        });
        yield return Bytes("ti-offset-overlap", c, "two tensors at the same offset", i => i.SetUInt64(i.TensorInfo(K).Offset, i.UInt64(i.TensorInfo(Q).Offset)));
        yield return Bytes("ti-offset-past-end", c, "a data offset of 2^40", i => i.SetUInt64(i.TensorInfo(LastTensor).Offset, 1UL << 40));
        yield return Bytes("ti-offset-max", c, "a data offset of 2^64-32", i => i.SetUInt64(i.TensorInfo(LastTensor).Offset, ulong.MaxValue - 31));
        yield return Bytes("ti-duplicate-name", c, "two tensors named blk.0.attn_q.weight", i => i.Rename("blk.1.attn_q.weight", Q));
        yield return Bytes("ti-name-empty", c, "a tensor with an empty name", i => i.SetUInt64(i.StringAt(Q), 0));
        yield return Bytes("ti-name-too-long", c, "a name that claims 200 bytes", i => i.SetUInt64(i.StringAt(Q), 200));
        yield return Bytes("ti-truncated-in-infos", c, "cut inside the tensor infos", i => i.Truncate(i.TensorInfo(Q).Type));
        yield return Bytes("ti-truncated-before-data", c, "the tensor infos and no data", i => i.Truncate(i.DataStart(LastTensor)));
        yield return Spec("ti-100k-infos", c, "100,000 tensor infos", s =>
        {
            for (int n = 0; n < 100_000; n++) s.Tensors.Add(new TensorSpec($"extra.{n}.weight", Engine.Gguf.GgmlType.F32, [8], TensorFill.Constant, 0f));
        }, endedLlamaCpp: true);
    }
}
