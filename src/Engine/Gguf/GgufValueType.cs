namespace LlamaCode.Engine.Gguf;

/// <summary>The type tag of a GGUF metadata value (gguf.h <c>enum gguf_type</c>); stored as a u32.</summary>
public enum GgufValueType : uint
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
}

internal static class GgufValueTypes
{
    /// <summary>Bytes one value occupies in the file; for strings the minimum (the u64 length prefix).</summary>
    public static int EncodedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        GgufValueType.String => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no fixed encoded size"),
    };

    public static bool IsKnown(uint raw) => raw <= (uint)GgufValueType.Float64;
}
