namespace LlamaCode.Engine.Gguf;

/// <summary>Sanity bounds the validator applies before anything is allocated; real models are far below them.</summary>
internal static class GgufValidationLimits
{
    // llama.cpp's parser compares every tensor name (and metadata key) with all earlier ones, so counts far above
    // real models' (about 1,200 tensors and 50 keys for the largest) make loading hang for minutes.
    public const ulong MaxTensors = 1 << 14;
    public const ulong MaxKeyValues = 1 << 14;
    public const ulong MaxKeyBytes = 1 << 16;
    public const ulong MaxStringBytes = 1 << 30;   // as llama.cpp's GGUF_MAX_STRING_LENGTH
    public const ulong MaxArrayElements = 1 << 30; // as llama.cpp's GGUF_MAX_ARRAY_ELEMENTS

    /// <summary>Longer metadata strings are skipped, not read into memory (a hostile file may claim up to 1 GB each).</summary>
    public const int KeptStringBytes = 1 << 20;

    /// <summary>Numeric arrays up to this length are always kept (per-layer hyper-parameters).</summary>
    public const ulong KeptNumericArrayElements = 4096;

    // Smallest possible encodings, to check that claimed counts can fit in the file at all.
    public const ulong MinKeyValueBytes = 8 + 1 + 4 + 1;          // key length, 1-byte key, type, 1-byte value
    public const ulong MinTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8; // name length, 1-byte name, n_dims, one dim, type, offset
}
