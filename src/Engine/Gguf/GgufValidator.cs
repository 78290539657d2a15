using System.Text;
using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Gguf;

/// <summary>
/// Reads a GGUF file without trusting it. llama.cpp's own parser has had memory-safety bugs, so every file passes
/// here first: magic and version, counts, every string and array length, every tensor's shape, type, offset and size
/// are checked against the file's real length before anything is allocated from them.
/// </summary>
public static class GgufValidator
{
    public const ulong MaxTensors = 1 << 20;
    public const ulong MaxKeyValues = 1 << 20;
    public const ulong MaxStringBytes = 1 << 26;
    public const int MaxTensorNameBytes = 63; // GGML_MAX_NAME - 1
    public const int MaxDimensions = 4;       // GGML_MAX_DIMS

    /// <summary>Validates <paramref name="path"/>; throws <see cref="InvalidModelFileException"/> naming the file and the problem.</summary>
    public static GgufSummary Validate(string path)
    {
        if (Directory.Exists(path)) throw new InvalidModelFileException(path, "is a directory, not a model file");
        if (!File.Exists(path)) throw new InvalidModelFileException(path, "no such file");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(path, new BoundedReader(stream));
        }
        catch (GgufFormatException e)
        {
            throw new InvalidModelFileException(path, e.Message);
        }
        catch (IOException e)
        {
            throw new InvalidModelFileException(path, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidModelFileException(path, $"cannot be read: {e.Message}");
        }
    }

    private static GgufSummary Read(string path, BoundedReader r)
    {
        if (r.Length < 24) throw new GgufFormatException($"not a GGUF file: only {r.Length} bytes");
        var magic = r.ReadBytes(4, "magic");
        if (!magic.AsSpan().SequenceEqual("GGUF"u8))
            throw new GgufFormatException($"not a GGUF file (it starts with {Printable(magic)}, not 'GGUF')");
        var version = r.ReadU32("version");
        if (version is not (2 or 3)) throw new GgufFormatException($"unsupported GGUF version {version} (2 and 3 are supported)");

        var tensorCount = r.ReadU64("tensor count");
        var kvCount = r.ReadU64("metadata count");
        // Every tensor info takes at least 28 bytes and every key-value at least 13: bound the counts by the file.
        if (tensorCount > MaxTensors || tensorCount * 28 > r.Remaining)
            throw new GgufFormatException($"tensor count {tensorCount} is impossible for a file of {r.Length} bytes");
        if (kvCount > MaxKeyValues || kvCount * 13 > r.Remaining)
            throw new GgufFormatException($"metadata count {kvCount} is impossible for a file of {r.Length} bytes");

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = r.ReadString($"metadata key #{i}");
            var type = r.ReadU32($"type of '{key}'");
            var value = ReadValue(r, (GgufValueType)type, key, allowArray: true);
            if (!metadata.TryAdd(key, value)) throw new GgufFormatException($"metadata key '{key}' appears twice");
        }

        ulong alignment = 32;
        if (metadata.TryGetValue("general.alignment", out var a))
        {
            if (a is not uint align || align == 0 || (align & (align - 1)) != 0)
                throw new GgufFormatException($"general.alignment {a} is not a power of two");
            alignment = align;
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensorCount; i++)
        {
            var name = r.ReadString($"tensor name #{i}");
            if (Encoding.UTF8.GetByteCount(name) > MaxTensorNameBytes) throw new GgufFormatException($"tensor name '{name[..Math.Min(40, name.Length)]}…' is longer than {MaxTensorNameBytes} bytes");
            if (!names.Add(name)) throw new GgufFormatException($"tensor '{name}' appears twice");
            var dims = r.ReadU32($"dimensions of tensor '{name}'");
            if (dims is 0 or > MaxDimensions) throw new GgufFormatException($"tensor '{name}' has {dims} dimensions (1 to {MaxDimensions} are valid)");
            var shape = new ulong[dims];
            ulong elements = 1;
            for (var d = 0; d < dims; d++)
            {
                shape[d] = r.ReadU64($"shape of tensor '{name}'");
                if (shape[d] == 0 || shape[d] > long.MaxValue / elements)
                    throw new GgufFormatException($"tensor '{name}' has an absurd shape [{string.Join(", ", shape.Take(d + 1))}]");
                elements *= shape[d];
            }
            var type = r.ReadU32($"type of tensor '{name}'");
            if (!GgmlTypes.TryGet(type, out var info)) throw new GgufFormatException($"tensor '{name}' has unknown ggml type {type}");
            if (shape[0] % (ulong)info.BlockSize != 0)
                throw new GgufFormatException($"tensor '{name}': row of {shape[0]} elements is not a multiple of the {info.Name} block size {info.BlockSize}");
            var offset = r.ReadU64($"offset of tensor '{name}'");
            if (offset % alignment != 0) throw new GgufFormatException($"tensor '{name}' offset {offset} is not aligned to {alignment}");
            var size = elements / (ulong)info.BlockSize * (ulong)info.BlockBytes;
            tensors.Add(new GgufTensorInfo(name, shape, type, offset, size));
        }

        var dataOffset = (r.Position + alignment - 1) / alignment * alignment;
        foreach (var t in tensors)
        {
            var end = dataOffset + t.Offset + t.ByteSize;
            if (t.Offset > r.Length || end < dataOffset || end > r.Length)
                throw new GgufFormatException($"truncated or corrupt: tensor '{t.Name}' data ends at byte {end} but the file has {r.Length} bytes");
        }
        return new GgufSummary(path, version, metadata, tensors, dataOffset, r.Length);
    }

    private static object ReadValue(BoundedReader r, GgufValueType type, string key, bool allowArray)
    {
        switch (type)
        {
            case GgufValueType.UInt8: return r.ReadBytes(1, key)[0];
            case GgufValueType.Int8: return (sbyte)r.ReadBytes(1, key)[0];
            case GgufValueType.UInt16: return BitConverter.ToUInt16(r.ReadBytes(2, key));
            case GgufValueType.Int16: return BitConverter.ToInt16(r.ReadBytes(2, key));
            case GgufValueType.UInt32: return r.ReadU32(key);
            case GgufValueType.Int32: return (int)r.ReadU32(key);
            case GgufValueType.Float32: return BitConverter.ToSingle(r.ReadBytes(4, key));
            case GgufValueType.Bool:
                var b = r.ReadBytes(1, key)[0];
                if (b > 1) throw new GgufFormatException($"metadata '{key}' is a bool of value {b}");
                return b == 1;
            case GgufValueType.String: return r.ReadString(key);
            case GgufValueType.UInt64: return r.ReadU64(key);
            case GgufValueType.Int64: return (long)r.ReadU64(key);
            case GgufValueType.Float64: return BitConverter.ToDouble(r.ReadBytes(8, key));
            case GgufValueType.Array when allowArray:
                var elementType = (GgufValueType)r.ReadU32($"element type of '{key}'");
                var count = r.ReadU64($"length of '{key}'");
                var minBytes = ElementMinBytes(elementType, key);
                if (count > r.Remaining / minBytes)
                    throw new GgufFormatException($"metadata array '{key}' claims {count} elements, more than the rest of the file can hold");
                if (elementType is GgufValueType.String)
                {
                    for (ulong i = 0; i < count; i++) r.SkipString($"element {i} of '{key}'");
                }
                else r.Skip(count * minBytes, key);
                return new GgufArray(elementType, count);
            case GgufValueType.Array:
                throw new GgufFormatException($"metadata '{key}' nests arrays, which GGUF models do not use");
            default:
                throw new GgufFormatException($"metadata '{key}' has unknown value type {(uint)type}");
        }
    }

    private static ulong ElementMinBytes(GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        GgufValueType.Array => throw new GgufFormatException($"metadata '{key}' nests arrays, which GGUF models do not use"),
        _ => throw new GgufFormatException($"metadata array '{key}' has unknown element type {(uint)type}"),
    };

    private static string Printable(byte[] bytes) =>
        "'" + string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}")) + "'";

    /// <summary>Reads little-endian values, refusing any read past the end of the file.</summary>
    private sealed class BoundedReader(FileStream stream)
    {
        public ulong Length { get; } = (ulong)stream.Length;
        public ulong Position => (ulong)stream.Position;
        public ulong Remaining => Length - Position;

        public byte[] ReadBytes(int n, string what)
        {
            Need((ulong)n, what);
            var buf = new byte[n];
            stream.ReadExactly(buf);
            return buf;
        }

        public uint ReadU32(string what) => BitConverter.ToUInt32(ReadBytes(4, what));
        public ulong ReadU64(string what) => BitConverter.ToUInt64(ReadBytes(8, what));

        public string ReadString(string what)
        {
            var len = StringLength(what);
            return Encoding.UTF8.GetString(ReadBytes((int)len, what));
        }

        public void SkipString(string what) => Skip(StringLength(what), what);

        public void Skip(ulong n, string what)
        {
            Need(n, what);
            stream.Seek((long)n, SeekOrigin.Current);
        }

        private ulong StringLength(string what)
        {
            var len = ReadU64($"length of {what}");
            if (len > MaxStringBytes || len > Remaining)
                throw new GgufFormatException($"truncated or corrupt: {what} claims {len} bytes at offset {Position}, but {Remaining} remain");
            return len;
        }

        private void Need(ulong n, string what)
        {
            if (n > Remaining) throw new GgufFormatException($"truncated: the file ends inside {what} (offset {Position}, {Length} bytes in all)");
        }
    }

    private sealed class GgufFormatException(string message) : Exception(message);
}
