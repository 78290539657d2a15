using System.Buffers.Binary;

namespace LlamaCode.ModelGenerator;

/// <summary>
/// Deterministic random weight bytes, fast enough for a billion parameters: values come from a 65,536-entry
/// table of N(0, σ) samples indexed by 16 random bits, so the hot loop is a table lookup per weight.
/// </summary>
internal sealed class RandomWeights
{
    private const int TableSize = 1 << 16;
    private readonly ushort[] _halfBits = new ushort[TableSize];   // F16 encodings of the samples
    private readonly sbyte[] _quants = new sbyte[TableSize];       // the samples as Q8_0 quants of Q8Scale
    private ulong _state;

    public RandomWeights(int seed, float sigma)
    {
        _state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed;
        Q8Scale = (Half)(4 * sigma / 127); // quants span ±4σ
        for (int i = 0; i < TableSize; i += 2)
        {
            // Box-Muller: two uniforms in (0, 1] to two standard normals.
            double u1 = (NextUInt64() >> 11) * (1.0 / (1UL << 53)) + double.Epsilon;
            double u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
            double r = Math.Sqrt(-2 * Math.Log(u1));
            SetSample(i, sigma * r * Math.Cos(2 * Math.PI * u2));
            SetSample(i + 1, sigma * r * Math.Sin(2 * Math.PI * u2));
        }
    }

    public Half Q8Scale { get; }

    /// <summary>Fills <paramref name="destination"/> (an even length) with F16 weights.</summary>
    public void FillF16(Span<byte> destination)
    {
        int i = 0;
        for (; i + 8 <= destination.Length; i += 8)
        {
            ulong bits = NextUInt64();
            for (int k = 0; k < 4; k++, bits >>= 16)
                BinaryPrimitives.WriteUInt16LittleEndian(destination[(i + 2 * k)..], _halfBits[(ushort)bits]);
        }
        for (; i < destination.Length; i += 2)
            BinaryPrimitives.WriteUInt16LittleEndian(destination[i..], _halfBits[(ushort)NextUInt64()]);
    }

    /// <summary>Fills <paramref name="destination"/> (whole 34-byte blocks) with Q8_0 blocks: fixed scale, random quants.</summary>
    public void FillQ8_0(Span<byte> destination)
    {
        const int blockBytes = 2 + 32;
        for (int b = 0; b + blockBytes <= destination.Length; b += blockBytes)
        {
            BinaryPrimitives.WriteHalfLittleEndian(destination[b..], Q8Scale);
            for (int k = 0; k < 32; k += 4)
            {
                ulong bits = NextUInt64();
                for (int j = 0; j < 4; j++, bits >>= 16)
                    destination[b + 2 + k + j] = (byte)_quants[(ushort)bits];
            }
        }
    }

    private void SetSample(int index, double value)
    {
        _halfBits[index] = BitConverter.HalfToUInt16Bits((Half)value);
        _quants[index] = (sbyte)Math.Clamp(Math.Round(value / (double)Q8Scale), -127, 127);
    }

    // SplitMix64: tiny, fast and good enough for weights that only need to look random.
    private ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
