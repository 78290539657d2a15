namespace LlamaCode.Engine.Gguf;

/// <summary>Sanity bounds the validator applies before anything is allocated; real models are far below them.</summary>
internal static class GgufValidationLimits
{
    public const ulong MaxTensors = 1 << 20;
    public const ulong MaxKeyValues = 1 << 20;
    public const ulong MaxKeyBytes = 1 << 16;
    public const ulong MaxStringBytes = 1 << 30;   // as llama.cpp's GGUF_MAX_STRING_LENGTH
    public const ulong MaxArrayElements = 1 << 30; // as llama.cpp's GGUF_MAX_ARRAY_ELEMENTS

    // Smallest possible encodings, to check that claimed counts can fit in the file at all.
    public const ulong MinKeyValueBytes = 8 + 1 + 4 + 1;          // key length, 1-byte key, type, 1-byte value
    public const ulong MinTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8; // name length, 1-byte name, n_dims, one dim, type, offset
}
