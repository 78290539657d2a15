using System.Text;
using static LlamaCode.Engine.Gguf.GgufValidationLimits;

namespace LlamaCode.Engine.Gguf;

/// <summary>
/// Reads a GGUF file without trusting it, before it is ever handed to llama.cpp (whose parser has had
/// memory-safety bugs). Every count and length is bounded by the bytes that remain before it is used.
/// </summary>
public static class GgufValidator
{
    /// <summary>The metadata array of the vocabulary's token texts.</summary>
    public const string TokensKey = "tokenizer.ggml.tokens";

    /// <summary>Validates <paramref name="path"/> and summarizes it, or throws <see cref="InvalidModelFileException"/>.</summary>
    public static GgufSummary Validate(string path) => Validate(path, GgufReadOptions.Default, null);

    /// <summary>As <see cref="Validate(string)"/>, keeping the array contents <paramref name="options"/> asks for.</summary>
    public static GgufSummary Validate(string path, GgufReadOptions options) => Validate(path, options, null);

    /// <summary>
    /// As <see cref="Validate(string)"/>; <paramref name="tokenTexts"/>: token texts to look for in the vocabulary
    /// (<see cref="GgufSummary.TokenTextsFound"/>); the vocabulary's other texts are skipped, as without it.
    /// </summary>
    public static GgufSummary Validate(string path, IReadOnlySet<string>? tokenTexts) => Validate(path, GgufReadOptions.Default, tokenTexts);

    private static GgufSummary Validate(string path, GgufReadOptions options, IReadOnlySet<string>? tokenTexts)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream stream;
        try
        {
            if (Directory.Exists(path)) throw new InvalidModelFileException(path, "is a directory, not a model file");
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidModelFileException(path, e is FileNotFoundException or DirectoryNotFoundException
                ? "file not found" : $"cannot be read ({e.Message})", e);
        }

        using (stream)
        {
            try
            {
                return new Parse(path, stream, options, tokenTexts).Run();
            }
            catch (IOException e)
            {
                throw new InvalidModelFileException(path, $"read failed ({e.Message})", e);
            }
        }
    }

    private sealed class Parse(string path, Stream stream, GgufReadOptions options, IReadOnlySet<string>? tokenTexts)
    {
        private readonly GgufBoundedReader _reader = new(stream, problem => new InvalidModelFileException(path, problem));
        private readonly Dictionary<string, Array> _arrays = new(StringComparer.Ordinal);
        private readonly HashSet<string> _tokenTextsFound = new(StringComparer.Ordinal);
        private readonly int _longestTokenText = tokenTexts?.Max(t => Encoding.UTF8.GetByteCount(t)) ?? 0;

        public GgufSummary Run()
        {
            if (_reader.Length == 0) throw Fail("empty file, not a GGUF model");
            var magic = ReadMagic();
            if (magic != GgufFormat.Magic) throw Fail($"not a GGUF file (magic '{Printable(magic)}')");

            uint version = _reader.ReadUInt32("version");
            if (version is not (2 or 3))
                throw Fail((version & 0xFFFF) == 0
                    ? $"GGUF version 0x{version:X8} looks byte-swapped: big-endian files are not supported"
                    : $"unsupported GGUF version {version} (supported: 2, 3)");

            ulong tensorCount = _reader.ReadUInt64("tensor count");
            ulong kvCount = _reader.ReadUInt64("metadata count");
            if (tensorCount > MaxTensors) throw Fail($"header claims {tensorCount} tensors (limit {MaxTensors})");
            if (kvCount > MaxKeyValues) throw Fail($"header claims {kvCount} metadata entries (limit {MaxKeyValues})");
            if (kvCount * MinKeyValueBytes + tensorCount * MinTensorInfoBytes > (ulong)_reader.Remaining)
                throw Fail($"truncated: header claims {tensorCount} tensors and {kvCount} metadata entries, which cannot fit in the remaining {_reader.Remaining} bytes");

            var metadata = ReadMetadata((int)kvCount);
            uint alignment = ReadAlignment(metadata);
            var infos = ReadTensorInfos((int)tensorCount);
            long dataStart = GgufFormat.Align(_reader.Position, alignment);
            var tensors = PlaceTensors(infos, dataStart, alignment);
            return new GgufSummary(path, _reader.Length, version, alignment, dataStart, metadata, tensors) { ArrayValues = _arrays, TokenTextsFound = _tokenTextsFound };
        }

        private uint ReadMagic()
        {
            if (_reader.Length < 4) throw Fail($"not a GGUF file (only {_reader.Length} bytes)");
            return _reader.ReadUInt32("magic");
        }

        private Dictionary<string, object> ReadMetadata(int count)
        {
            var metadata = new Dictionary<string, object>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string key = _reader.ReadString($"key of metadata entry #{i}", MaxKeyBytes);
                if (key.Length == 0) throw Fail($"metadata entry #{i} has an empty key");
                if (metadata.ContainsKey(key)) throw Fail($"duplicate metadata key '{key}'");
                metadata[key] = ReadValue(key);
            }
            return metadata;
        }

        private object ReadValue(string key)
        {
            var type = ReadValueType($"type of metadata '{key}'");
            if (type == GgufValueType.String) return _reader.ReadStringOrSkip($"value of metadata '{key}'", MaxStringBytes, KeptStringBytes);
            if (type != GgufValueType.Array) return _reader.ReadScalar(type, $"value of metadata '{key}'", MaxStringBytes);

            var elementType = ReadValueType($"element type of metadata array '{key}'");
            if (elementType == GgufValueType.Array)
                throw Fail($"metadata '{key}' is an array of arrays, which llama.cpp does not accept");
            ulong count = _reader.ReadUInt64($"length of metadata array '{key}'");
            int minElementBytes = GgufValueTypes.EncodedSize(elementType);
            if (count > MaxArrayElements || count * (ulong)minElementBytes > (ulong)_reader.Remaining)
                throw Fail($"truncated: metadata array '{key}' claims {count} elements of {elementType} at byte {_reader.Position} but only {_reader.Remaining} bytes remain");

            bool keep = options.KeepArrays.Contains(key) || (elementType != GgufValueType.String && count <= KeptNumericArrayElements);
            if (keep)
            {
                var values = ReadArray(elementType, (int)count, key);
                _arrays[key] = values;
                if (key == TokensKey && tokenTexts is { Count: > 0 } && values is string[] texts)
                    foreach (var text in texts) if (tokenTexts.Contains(text)) _tokenTextsFound.Add(text);
            }
            else if (elementType == GgufValueType.String && key == TokensKey && tokenTexts is { Count: > 0 })
            {
                for (ulong j = 0; j < count; j++)
                    if (_reader.ReadStringIfShort($"element {j} of metadata array '{key}'", MaxStringBytes, _longestTokenText) is { } text && tokenTexts.Contains(text))
                        _tokenTextsFound.Add(text);
            }
            else if (elementType == GgufValueType.String)
                for (ulong j = 0; j < count; j++) _reader.SkipString($"element {j} of metadata array '{key}'", MaxStringBytes);
            else
                _reader.SkipValues(count, minElementBytes, $"metadata array '{key}'");
            return new GgufArray(elementType, count);
        }

        private Array ReadArray(GgufValueType elementType, int count, string key)
        {
            // count is bounded by the bytes that remain, so the allocation is too.
            string what = $"element of metadata array '{key}'";
            Array values = elementType switch
            {
                GgufValueType.String => new string[count],
                GgufValueType.UInt8 => new byte[count],
                GgufValueType.Int8 => new sbyte[count],
                GgufValueType.Bool => new bool[count],
                GgufValueType.UInt16 => new ushort[count],
                GgufValueType.Int16 => new short[count],
                GgufValueType.UInt32 => new uint[count],
                GgufValueType.Int32 => new int[count],
                GgufValueType.Float32 => new float[count],
                GgufValueType.UInt64 => new ulong[count],
                GgufValueType.Int64 => new long[count],
                GgufValueType.Float64 => new double[count],
                _ => throw Fail($"metadata array '{key}' has element type {elementType}"),
            };
            for (int i = 0; i < count; i++) values.SetValue(_reader.ReadScalar(elementType, what, MaxStringBytes), i);
            return values;
        }

        private GgufValueType ReadValueType(string what)
        {
            uint raw = _reader.ReadUInt32(what);
            return GgufValueTypes.IsKnown(raw) ? (GgufValueType)raw : throw Fail($"{what} is unknown value type {raw}");
        }

        private uint ReadAlignment(Dictionary<string, object> metadata)
        {
            if (!metadata.TryGetValue(GgufFormat.AlignmentKey, out var value)) return GgufFormat.DefaultAlignment;
            if (value is not uint alignment) throw Fail($"'{GgufFormat.AlignmentKey}' must be a UINT32");
            if (alignment == 0 || (alignment & (alignment - 1)) != 0)
                throw Fail($"alignment {alignment} is not a power of two");
            return alignment;
        }

        private sealed record RawTensorInfo(string Name, long[] Shape, GgmlTypeLayout Layout, long Elements, long Size, ulong Offset);

        private List<RawTensorInfo> ReadTensorInfos(int count)
        {
            var infos = new List<RawTensorInfo>(count);
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = _reader.ReadString($"name of tensor #{i}", GgufFormat.MaxTensorNameBytes - 1);
                if (name.Length == 0) throw Fail($"tensor #{i} has an empty name");
                if (!names.Add(name)) throw Fail($"duplicate tensor '{name}'");

                uint dims = _reader.ReadUInt32($"dimension count of tensor '{name}'");
                if (dims > GgufFormat.MaxDimensions)
                    throw Fail($"tensor '{name}' has {dims} dimensions (ggml allows at most {GgufFormat.MaxDimensions})");
                var shape = new long[dims];
                long elements = 1;
                for (int d = 0; d < dims; d++)
                {
                    ulong ne = _reader.ReadUInt64($"dimension {d} of tensor '{name}'");
                    if (ne == 0 || ne > long.MaxValue) throw Fail($"tensor '{name}' has invalid dimension {d} of {ne} elements");
                    shape[d] = (long)ne;
                    if (!TryMultiply(elements, shape[d], out elements))
                        throw Fail($"tensor '{name}' with shape [{string.Join(", ", shape.Take(d + 1))}] has too many elements");
                }

                uint rawType = _reader.ReadUInt32($"type of tensor '{name}'");
                if (!GgmlTypes.TryGetLayout(rawType, out var layout))
                    throw Fail($"tensor '{name}' has unknown ggml type {rawType}");
                long rowLength = dims == 0 ? 1 : shape[0];
                if (rowLength % layout.BlockSize != 0)
                    throw Fail($"tensor '{name}' of type {layout.Type} has rows of {rowLength} elements, not a multiple of the block size {layout.BlockSize}");
                if (!TryMultiply(elements / layout.BlockSize, layout.BytesPerBlock, out long size))
                    throw Fail($"tensor '{name}' is too large to address");

                ulong offset = _reader.ReadUInt64($"data offset of tensor '{name}'");
                infos.Add(new RawTensorInfo(name, shape, layout, elements, size, offset));
            }
            return infos;
        }

        // llama.cpp requires tensors back to back in declaration order, each padded to the alignment.
        private List<GgufTensorInfo> PlaceTensors(List<RawTensorInfo> infos, long dataStart, uint alignment)
        {
            var tensors = new List<GgufTensorInfo>(infos.Count);
            long expectedOffset = 0;
            foreach (var info in infos)
            {
                if (info.Offset % alignment != 0)
                    throw Fail($"tensor '{info.Name}' has data offset {info.Offset}, not a multiple of the alignment {alignment}");
                UInt128 end = (UInt128)(ulong)dataStart + info.Offset + (ulong)info.Size; // no overflow, whatever the file claims
                if (end > (ulong)_reader.Length)
                    throw Fail($"truncated: tensor '{info.Name}' data ends at byte {end} but the file has {_reader.Length} bytes");
                long fileOffset = dataStart + (long)info.Offset;
                if ((long)info.Offset != expectedOffset)
                    throw Fail($"tensor '{info.Name}' has data offset {info.Offset} but llama.cpp expects {expectedOffset} (tensors must be stored in order, each padded to the alignment)");
                expectedOffset = GgufFormat.Align(expectedOffset + info.Size, alignment);
                tensors.Add(new GgufTensorInfo(info.Name, info.Layout.Type, info.Shape, info.Elements, info.Size, (long)info.Offset, fileOffset));
            }
            return tensors;
        }

        private static bool TryMultiply(long a, long b, out long product)
        {
            product = 0;
            if (a != 0 && b > long.MaxValue / a) return false;
            product = a * b;
            return true;
        }

        private static string Printable(uint magic)
        {
            var text = new StringBuilder(4);
            for (int i = 0; i < 4; i++)
            {
                char c = (char)((magic >> (8 * i)) & 0xFF);
                text.Append(c is >= ' ' and <= '~' ? c : '?');
            }
            return text.ToString();
        }

        private InvalidModelFileException Fail(string problem) => new(path, problem);
    }
}
