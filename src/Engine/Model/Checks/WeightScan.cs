using System.Buffers.Binary;
using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model.Checks;

/// <summary>
/// Reads the small F32 tensors (norms, biases: a few MB even for large models) and refuses NaN or infinity in them.
/// The large matrices are not read here: the first-load probe sees what they do to the logits.
/// </summary>
internal static class WeightScan
{
    public const long MaxTensorBytes = 1 << 20;

    public static void Check(GgufSummary summary)
    {
        var small = summary.Tensors.Where(t => t.Type == GgmlType.F32 && t.SizeBytes <= MaxTensorBytes).ToList();
        if (small.Count == 0) return;
        using var file = new FileStream(summary.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        var buffer = new byte[MaxTensorBytes];
        foreach (var t in small)
        {
            file.Position = t.FileOffset;
            var bytes = buffer.AsSpan(0, (int)t.SizeBytes);
            file.ReadExactly(bytes);
            for (int i = 0; i < bytes.Length; i += 4)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(bytes[i..]);
                if (!float.IsFinite(value))
                    throw new ModelCheckFailure($"tensor '{t.Name}' holds {value} at element {i / 4}");
            }
        }
    }
}
