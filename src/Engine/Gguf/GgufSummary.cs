namespace LlamaCode.Engine.Gguf;

/// <summary>A metadata array, summarized: its contents are not kept.</summary>
public sealed record GgufArray(GgufValueType ElementType, ulong Count);

/// <summary>A metadata string too long to keep (an embedded tokenizer.json, or a hostile one): only its length.</summary>
public sealed record GgufLongString(ulong Length);

/// <summary>One tensor of a GGUF file. <see cref="Shape"/> is in GGUF order (ne0 first).</summary>
public sealed record GgufTensorInfo(
    string Name,
    GgmlType Type,
    IReadOnlyList<long> Shape,
    long ElementCount,
    long SizeBytes,
    long DataOffset,
    long FileOffset);

/// <summary>What a validated GGUF file holds, read without trusting it.</summary>
/// <param name="Metadata">Scalars as their CLR type (byte, sbyte, ushort, short, uint, int, ulong, long, float,
/// double, bool, string; strings over 1 MiB as <see cref="GgufLongString"/>); arrays as <see cref="GgufArray"/>.</param>
/// <param name="DataSectionOffset">File offset where tensor data starts.</param>
public sealed record GgufSummary(
    string FilePath,
    long FileSize,
    uint Version,
    uint Alignment,
    long DataSectionOffset,
    IReadOnlyDictionary<string, object> Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors)
{
    /// <summary>
    /// Contents of the arrays that were kept: numeric arrays of up to 4,096 elements, and the arrays the caller asked
    /// for (<see cref="GgufReadOptions.KeepArrays"/>). Elements as CLR arrays (string[], int[], uint[], float[], ...).
    /// </summary>
    public IReadOnlyDictionary<string, Array> ArrayValues { get; init; } = new Dictionary<string, Array>();

    public string? Architecture => Metadata.GetValueOrDefault(GgufFormat.ArchitectureKey) as string;

    /// <summary>Which of the token texts asked of <see cref="GgufValidator.Validate"/> the vocabulary holds.</summary>
    public IReadOnlySet<string> TokenTextsFound { get; init; } = new HashSet<string>();

    public long ParameterCount => Tensors.Sum(t => t.ElementCount);

    public T Get<T>(string key) =>
        Metadata.TryGetValue(key, out var value) && value is T typed
            ? typed
            : throw new KeyNotFoundException($"{FilePath}: no metadata '{key}' of type {typeof(T).Name}");

    public GgufTensorInfo Tensor(string name) =>
        Tensors.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"{FilePath}: no tensor '{name}'");
}
