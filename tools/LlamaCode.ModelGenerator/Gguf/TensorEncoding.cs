using System.Buffers.Binary;
using LlamaCode.Engine.Gguf;

namespace LlamaCode.ModelGenerator.Gguf;

/// <summary>Encodes float values to the bytes of the ggml types the writer supports.</summary>
internal static class TensorEncoding
{
    /// <summary>Encodes <paramref name="values"/> (whole blocks) into <paramref name="destination"/>; returns bytes written.</summary>
    public static int Encode(GgmlType type, ReadOnlySpan<float> values, Span<byte> destination)
    {
        switch (type)
        {
            case GgmlType.F32:
                for (int i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], values[i]);
                return 4 * values.Length;
            case GgmlType.F16:
                for (int i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteHalfLittleEndian(destination[(2 * i)..], (Half)values[i]);
                return 2 * values.Length;
            case GgmlType.Q8_0:
                return EncodeQ8_0(values, destination);
            default:
                throw new NotSupportedException($"writing {type} tensors from floats is not supported (use raw bytes)");
        }
    }

    // block_q8_0: an fp16 scale d then 32 int8 quants, value = d * q (ggml-common.h).
    private static int EncodeQ8_0(ReadOnlySpan<float> values, Span<byte> destination)
    {
        const int block = 32;
        int written = 0;
        for (int b = 0; b < values.Length; b += block)
        {
            var x = values.Slice(b, block);
            float amax = 0;
            foreach (var v in x) amax = Math.Max(amax, Math.Abs(v));
            float d = amax / 127f;
            float inverse = d != 0 ? 1f / d : 0f;
            BinaryPrimitives.WriteHalfLittleEndian(destination[written..], (Half)d);
            written += 2;
            for (int i = 0; i < block; i++)
                destination[written++] = (byte)(sbyte)Math.Round(x[i] * inverse);
        }
        return written;
    }
}
