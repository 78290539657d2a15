namespace LlamaCode.Engine.Gguf;

/// <summary>One tensor as the file declares it; <see cref="Offset"/> is relative to the data section.</summary>
public sealed record GgufTensorInfo(string Name, ulong[] Shape, uint Type, ulong Offset, ulong ByteSize);

/// <summary>An array in the metadata: its element type and length (contents are checked, not kept).</summary>
public sealed record GgufArray(GgufValueType ElementType, ulong Count);

/// <summary>What a validated GGUF file holds.</summary>
public sealed record GgufSummary(
    string Path, uint Version, IReadOnlyDictionary<string, object> Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors, ulong DataOffset, ulong FileLength)
{
    public string? Architecture => Metadata.TryGetValue("general.architecture", out var a) ? a as string : null;
}
