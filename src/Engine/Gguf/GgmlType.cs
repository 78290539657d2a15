namespace LlamaCode.Engine.Gguf;

/// <summary>ggml tensor element types as numbered in ggml.h (<c>enum ggml_type</c>); gaps are removed types.</summary>
public enum GgmlType : uint
{
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    TQ1_0 = 34,
    TQ2_0 = 35,
    MXFP4 = 39,
    NVFP4 = 40,
    Q1_0 = 41,
    Q2_0 = 42,
}

/// <summary>How a ggml type packs elements: <see cref="BlockSize"/> elements stored in <see cref="BytesPerBlock"/> bytes.</summary>
public readonly record struct GgmlTypeLayout(GgmlType Type, int BlockSize, int BytesPerBlock)
{
    /// <summary>Bytes of <paramref name="elements"/> elements; <paramref name="elements"/> must be a multiple of the block size.</summary>
    public long ByteCount(long elements) => checked(elements / BlockSize * BytesPerBlock);
}

/// <summary>Block layouts of the ggml types, from the block structs in ggml-common.h (QK_K = 256).</summary>
public static class GgmlTypes
{
    private const int QK_K = 256;

    private static readonly Dictionary<GgmlType, GgmlTypeLayout> Layouts = new GgmlTypeLayout[]
    {
        new(GgmlType.F32, 1, 4),
        new(GgmlType.F16, 1, 2),
        new(GgmlType.Q4_0, 32, 2 + 16),
        new(GgmlType.Q4_1, 32, 2 + 2 + 16),
        new(GgmlType.Q5_0, 32, 2 + 4 + 16),
        new(GgmlType.Q5_1, 32, 2 + 2 + 4 + 16),
        new(GgmlType.Q8_0, 32, 2 + 32),
        new(GgmlType.Q8_1, 32, 2 + 2 + 32),
        new(GgmlType.Q2_K, QK_K, 2 + 2 + QK_K / 16 + QK_K / 4),
        new(GgmlType.Q3_K, QK_K, 2 + QK_K / 4 + QK_K / 8 + 12),
        new(GgmlType.Q4_K, QK_K, 2 + 2 + QK_K / 2 + 12),
        new(GgmlType.Q5_K, QK_K, 2 + 2 + QK_K / 2 + QK_K / 8 + 12),
        new(GgmlType.Q6_K, QK_K, 2 + QK_K / 2 + QK_K / 4 + QK_K / 16),
        new(GgmlType.Q8_K, QK_K, 4 + QK_K + QK_K / 8),
        new(GgmlType.IQ2_XXS, QK_K, 2 + QK_K / 4),
        new(GgmlType.IQ2_XS, QK_K, 2 + QK_K / 4 + QK_K / 32),
        new(GgmlType.IQ3_XXS, QK_K, 2 + QK_K / 4 + QK_K / 8),
        new(GgmlType.IQ1_S, QK_K, 2 + QK_K / 8 + QK_K / 16),
        new(GgmlType.IQ4_NL, 32, 2 + 16),
        new(GgmlType.IQ3_S, QK_K, 2 + QK_K / 4 + QK_K / 8 + QK_K / 32 + 4),
        new(GgmlType.IQ2_S, QK_K, 2 + QK_K / 4 + QK_K / 16),
        new(GgmlType.IQ4_XS, QK_K, 2 + 2 + QK_K / 2 + QK_K / 64),
        new(GgmlType.I8, 1, 1),
        new(GgmlType.I16, 1, 2),
        new(GgmlType.I32, 1, 4),
        new(GgmlType.I64, 1, 8),
        new(GgmlType.F64, 1, 8),
        new(GgmlType.IQ1_M, QK_K, QK_K / 8 + QK_K / 16 + QK_K / 32),
        new(GgmlType.BF16, 1, 2),
        new(GgmlType.TQ1_0, QK_K, 2 + 4 * 13),
        new(GgmlType.TQ2_0, QK_K, 2 + 64),
        new(GgmlType.MXFP4, 32, 1 + 16),
        new(GgmlType.NVFP4, 64, 4 + 32),
        new(GgmlType.Q1_0, 128, 2 + 16),
        new(GgmlType.Q2_0, 64, 2 + 16),
    }.ToDictionary(l => l.Type);

    public static bool TryGetLayout(uint rawType, out GgmlTypeLayout layout) =>
        Layouts.TryGetValue((GgmlType)rawType, out layout);

    public static GgmlTypeLayout GetLayout(GgmlType type) =>
        Layouts.TryGetValue(type, out var layout)
            ? layout
            : throw new ArgumentOutOfRangeException(nameof(type), type, "unknown ggml type");
}
