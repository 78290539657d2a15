namespace LlamaCode.Engine.Gguf;

/// <summary>Constants of the GGUF container format (ggml/include/gguf.h).</summary>
public static class GgufFormat
{
    /// <summary>"GGUF" read as a little-endian u32.</summary>
    public const uint Magic = 0x46554747;
    public const uint Version = 3;
    public const uint DefaultAlignment = 32;
    public const string AlignmentKey = "general.alignment";
    public const string ArchitectureKey = "general.architecture";

    /// <summary>ggml's GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>ggml's GGML_MAX_NAME: names must be shorter than this in UTF-8 bytes (the C side keeps a NUL).</summary>
    public const int MaxTensorNameBytes = 64;

    public static long Align(long offset, uint alignment) => (offset + alignment - 1) / alignment * alignment;
}
