namespace LlamaCode.Engine.Gguf;

/// <summary>The value types of GGUF metadata (gguf.h).</summary>
public enum GgufValueType : uint
{
    UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7,
    String = 8, Array = 9, UInt64 = 10, Int64 = 11, Float64 = 12,
}

/// <summary>Block size and bytes per block of each ggml tensor type (from ggml of the pinned release).</summary>
public readonly record struct GgmlTypeInfo(string Name, int BlockSize, int BlockBytes);

public static class GgmlTypes
{
    public const uint F32 = 0, F16 = 1;

    private static readonly Dictionary<uint, GgmlTypeInfo> Known = new()
    {
        [0] = new("f32", 1, 4), [1] = new("f16", 1, 2), [2] = new("q4_0", 32, 18), [3] = new("q4_1", 32, 20),
        [6] = new("q5_0", 32, 22), [7] = new("q5_1", 32, 24), [8] = new("q8_0", 32, 34), [9] = new("q8_1", 32, 36),
        [10] = new("q2_K", 256, 84), [11] = new("q3_K", 256, 110), [12] = new("q4_K", 256, 144), [13] = new("q5_K", 256, 176),
        [14] = new("q6_K", 256, 210), [15] = new("q8_K", 256, 292), [16] = new("iq2_xxs", 256, 66), [17] = new("iq2_xs", 256, 74),
        [18] = new("iq3_xxs", 256, 98), [19] = new("iq1_s", 256, 50), [20] = new("iq4_nl", 32, 18), [21] = new("iq3_s", 256, 110),
        [22] = new("iq2_s", 256, 82), [23] = new("iq4_xs", 256, 136), [24] = new("i8", 1, 1), [25] = new("i16", 1, 2),
        [26] = new("i32", 1, 4), [27] = new("i64", 1, 8), [28] = new("f64", 1, 8), [29] = new("iq1_m", 256, 56),
        [30] = new("bf16", 1, 2), [34] = new("tq1_0", 256, 54), [35] = new("tq2_0", 256, 66), [39] = new("mxfp4", 32, 17),
        [40] = new("nvfp4", 64, 36), [41] = new("q1_0", 128, 18), [42] = new("q2_0", 64, 18),
    };

    public static bool TryGet(uint type, out GgmlTypeInfo info) => Known.TryGetValue(type, out info);
}
