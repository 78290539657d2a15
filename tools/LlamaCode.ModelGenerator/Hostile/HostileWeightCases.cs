using LlamaCode.Engine.Gguf;
using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>Tensor types, shapes against the architecture, and weight values.</summary>
internal static class HostileWeightCases
{
    private const string Q = "blk.0.attn_q.weight", Embd = "token_embd.weight", Norm = "blk.0.attn_norm.weight";

    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.Weights;
        HostileCase Retype(string name, string what, string tensor, GgmlType type, bool ended = false) =>
            Spec(name, c, what, s => s.ChangeTensor(tensor, t => t with { Type = type, Fill = TensorFill.Random }), ended);

        yield return Retype("w-i32-weights", "I32 attention weights", Q, GgmlType.I32, ended: true);
        yield return Retype("w-i32-token-embd", "an I32 token embedding", Embd, GgmlType.I32, ended: true);
        yield return Retype("w-i8-weights", "I8 attention weights", Q, GgmlType.I8);
        yield return Retype("w-i16-weights", "I16 attention weights", Q, GgmlType.I16);
        yield return Retype("w-i64-weights", "I64 attention weights", Q, GgmlType.I64);
        yield return Retype("w-f64-weights", "F64 attention weights", Q, GgmlType.F64);
        yield return Retype("w-q8_1-weights", "Q8_1 (a compute type) attention weights", Q, GgmlType.Q8_1);
        yield return Retype("w-f16-norm", "F16 norm weights", Norm, GgmlType.F16, ended: true);
        yield return Retype("w-bf16-norm", "BF16 norm weights", Norm, GgmlType.BF16);
        yield return Retype("w-q8_0-norm", "Q8_0 norm weights", Norm, GgmlType.Q8_0);
        yield return Spec("w-nan-weights", c, "every weight NaN", s => FillMatrices(s, float.NaN), endedLlamaCpp: true);
        yield return Spec("w-inf-weights", c, "every weight infinite", s => FillMatrices(s, float.PositiveInfinity), endedLlamaCpp: true);
        yield return Spec("w-nan-output", c, "a NaN output matrix", s => s.ChangeTensor("output.weight", t => t with { Fill = TensorFill.Constant, Value = float.NaN }));
        yield return Spec("w-nan-norm", c, "a NaN in a norm", s => s.ChangeTensor(Norm, t => t with { Fill = TensorFill.Constant, Value = float.NaN }));
        yield return Spec("w-inf-output-norm", c, "an infinite output norm", s => s.ChangeTensor("output_norm.weight", t => t with { Fill = TensorFill.Constant, Value = float.NegativeInfinity }));
        yield return Spec("w-huge-weights", c, "weights of 60,000 (F16 overflows in the sums)", s => FillMatrices(s, 60_000f));
        yield return Spec("w-token-embd-transposed", c, "the token embedding stored transposed", s => s.ChangeTensor(Embd, t => t with { Shape = [t.Shape[1], t.Shape[0]] }));
        yield return Spec("w-q-wrong-shape", c, "a 128x64 query matrix", s => s.ChangeTensor(Q, t => t with { Shape = [128, 64] }));
        yield return Spec("w-q-3d", c, "a 3-D query matrix", s => s.ChangeTensor(Q, t => t with { Shape = [128, 128, 1] }));
        yield return Spec("w-norm-wrong-length", c, "a norm of 64 elements", s => s.ChangeTensor(Norm, t => t with { Shape = [64] }));
        yield return Spec("w-missing-ffn-down", c, "no blk.1.ffn_down.weight", s => s.Tensors.RemoveAll(t => t.Name == LastTensor));
        yield return Spec("w-missing-token-embd", c, "no token embedding", s => s.Tensors.RemoveAll(t => t.Name == Embd));
        yield return Spec("w-extra-tensor", c, "an extra tensor llama.cpp does not know", s => s.Tensors.Add(new TensorSpec("blk.0.bogus.weight", GgmlType.F32, [128], TensorFill.Constant, 1f)));
        yield return Spec("w-extra-layer", c, "tensors for a layer past the block count", s => s.Tensors.Add(new TensorSpec("blk.7.attn_norm.weight", GgmlType.F32, [128], TensorFill.Constant, 1f)));
        yield return Spec("w-no-tensors", c, "metadata without tensors", s => s.Tensors.Clear());
    }

    private static void FillMatrices(GgufModelSpec s, float value)
    {
        foreach (var t in s.Tensors.Where(t => t.Shape.Length == 2).ToList())
            s.ChangeTensor(t.Name, x => x with { Fill = TensorFill.Constant, Value = value });
    }
}
