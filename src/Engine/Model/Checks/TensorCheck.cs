using System.Text.RegularExpressions;
using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model.Checks;

/// <summary>
/// Tensor types and shapes. For every architecture: no weight of a type ggml cannot multiply (integers, F64, the
/// Q8_1/Q8_K compute types), 1-D tensors (norms, biases) in F32 as llama.cpp's graphs require, and layer numbers inside
/// the block count. For the llama architecture (Code Llama's) also the shape of every tensor it needs.
/// </summary>
internal static partial class TensorCheck
{
    private static readonly IReadOnlySet<GgmlType> NeverWeights = new HashSet<GgmlType>
    {
        GgmlType.I8, GgmlType.I16, GgmlType.I32, GgmlType.I64, GgmlType.F64, GgmlType.Q8_1, GgmlType.Q8_K,
    };

    public static void Check(ModelMetadata m)
    {
        var tensors = m.Summary.Tensors;
        long layers = m.RequiredInteger(m.Key("block_count"), 1, HyperParameterCheck.MaxLayers);
        foreach (var t in tensors)
        {
            if (NeverWeights.Contains(t.Type))
                throw new ModelCheckFailure($"tensor '{t.Name}' has type {t.Type}, which no model weight can have");
            if (t.Shape.Count == 1 && t.Type != GgmlType.F32)
                throw new ModelCheckFailure($"tensor '{t.Name}' is a 1-D {t.Type} tensor; llama.cpp needs norms and biases in F32");
            if (LayerOf(t.Name) is { } layer && layer >= layers)
                throw new ModelCheckFailure($"tensor '{t.Name}' is for layer {layer} but {m.Key("block_count")} is {layers}");
        }
        if (m.Architecture == "llama") CheckLlamaShapes(m, layers);
    }

    private static long? LayerOf(string name)
    {
        var match = LayerName().Match(name);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, out long layer) ? layer : null;
    }

    [GeneratedRegex(@"^blk\.(\d+)\.")]
    private static partial Regex LayerName();

    // As llama.cpp's llama architecture creates them (dense layers; a mixture of experts has other FFN tensors).
    private static void CheckLlamaShapes(ModelMetadata m, long layers)
    {
        var byName = m.Summary.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        long embd = m.RequiredInteger(m.Key("embedding_length"), 1, HyperParameterCheck.MaxEmbeddingLength);
        long vocab = (long)((GgufArray)m.Summary.Metadata[TokenizerCheck.TokensKey]).Count;
        var heads = m.PerLayer(m.Key("attention.head_count"), layers, 1, HyperParameterCheck.MaxHeads)
            ?? throw new ModelCheckFailure($"has no {m.Key("attention.head_count")}");
        var headsKv = m.PerLayer(m.Key("attention.head_count_kv"), layers, 1, HyperParameterCheck.MaxHeads) ?? heads;
        var ff = m.PerLayer(m.Key("feed_forward_length"), layers, 0, HyperParameterCheck.MaxFeedForwardLength);
        long keyLength = m.Integer(m.Key("attention.key_length")) ?? embd / heads[0];
        long valueLength = m.Integer(m.Key("attention.value_length")) ?? embd / heads[0];

        void Expect(string name, bool required, params long[] shape)
        {
            if (!byName.TryGetValue(name, out var t))
            {
                if (required) throw new ModelCheckFailure($"has no tensor '{name}', which a llama model of {layers} layers needs");
                return;
            }
            if (!t.Shape.SequenceEqual(shape))
                throw new ModelCheckFailure($"tensor '{name}' has shape [{string.Join(", ", t.Shape)}] but a llama model with these hyper-parameters needs [{string.Join(", ", shape)}]");
        }

        Expect("token_embd.weight", true, embd, vocab);
        Expect("output_norm.weight", true, embd);
        Expect("output.weight", false, embd, vocab);
        for (int i = 0; i < layers; i++)
        {
            string p = $"blk.{i}.";
            Expect(p + "attn_norm.weight", true, embd);
            Expect(p + "attn_q.weight", true, embd, keyLength * heads[i]);
            Expect(p + "attn_k.weight", true, embd, keyLength * headsKv[i]);
            Expect(p + "attn_v.weight", true, embd, valueLength * headsKv[i]);
            Expect(p + "attn_output.weight", true, valueLength * heads[i], embd);
            Expect(p + "ffn_norm.weight", true, embd);
            if (byName.ContainsKey(p + "ffn_gate_inp.weight")) continue; // experts: llama.cpp checks their shapes
            long f = ff?[i] ?? throw new ModelCheckFailure($"has no {m.Key("feed_forward_length")}");
            Expect(p + "ffn_gate.weight", true, embd, f);
            Expect(p + "ffn_up.weight", true, embd, f);
            Expect(p + "ffn_down.weight", true, f, embd);
        }
    }
}
