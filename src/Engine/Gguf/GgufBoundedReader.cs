using System.Buffers.Binary;
using System.Text;

namespace LlamaCode.Engine.Gguf;

/// <summary>
/// Sequential little-endian reads over a file that check every length against the bytes that remain before
/// reading or allocating anything, so a hostile file can only make it fail with a message.
/// </summary>
internal sealed class GgufBoundedReader(Stream stream, Func<string, Exception> fail)
{
    private readonly long _length = stream.Length;

    public long Position => stream.Position;
    public long Length => _length;
    public long Remaining => _length - stream.Position;

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(ReadExactly(stackalloc byte[4], what));
    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(ReadExactly(stackalloc byte[8], what));

    /// <summary>Reads one scalar of <paramref name="type"/>, boxed as its CLR type.</summary>
    public object ReadScalar(GgufValueType type, string what, ulong maxStringBytes) => type switch
    {
        GgufValueType.UInt8 => ReadExactly(stackalloc byte[1], what)[0],
        GgufValueType.Int8 => (sbyte)ReadExactly(stackalloc byte[1], what)[0],
        GgufValueType.Bool => ReadExactly(stackalloc byte[1], what)[0] != 0,
        GgufValueType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(ReadExactly(stackalloc byte[2], what)),
        GgufValueType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(ReadExactly(stackalloc byte[2], what)),
        GgufValueType.UInt32 => ReadUInt32(what),
        GgufValueType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(stackalloc byte[4], what)),
        GgufValueType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(ReadExactly(stackalloc byte[4], what)),
        GgufValueType.UInt64 => ReadUInt64(what),
        GgufValueType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(ReadExactly(stackalloc byte[8], what)),
        GgufValueType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(ReadExactly(stackalloc byte[8], what)),
        GgufValueType.String => ReadString(what, maxStringBytes),
        _ => throw fail($"{what} has type {type}, which is not a scalar"),
    };

    public string ReadString(string what, ulong maxBytes)
    {
        int length = CheckedStringLength(what, maxBytes);
        byte[] bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a string of at most <paramref name="shortBytes"/> UTF-8 bytes; skips a longer one and returns null.</summary>
    public string? ReadStringIfShort(string what, ulong maxBytes, int shortBytes)
    {
        int length = CheckedStringLength(what, maxBytes);
        if (length > shortBytes)
        {
            stream.Seek(length, SeekOrigin.Current);
            return null;
        }
        Span<byte> bytes = stackalloc byte[length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public void SkipString(string what, ulong maxBytes) => stream.Seek(CheckedStringLength(what, maxBytes), SeekOrigin.Current);

    /// <summary>A string of at most <paramref name="keepBytes"/>, or, when longer, a <see cref="GgufLongString"/> after skipping it.</summary>
    public object ReadStringOrSkip(string what, ulong maxBytes, int keepBytes)
    {
        int length = CheckedStringLength(what, maxBytes);
        if (length <= keepBytes)
        {
            byte[] bytes = new byte[length];
            stream.ReadExactly(bytes);
            return Encoding.UTF8.GetString(bytes);
        }
        stream.Seek(length, SeekOrigin.Current);
        return new GgufLongString((ulong)length);
    }

    /// <summary>Skips <paramref name="count"/> fixed-size values after checking they are inside the file.</summary>
    public void SkipValues(ulong count, int valueBytes, string what)
    {
        ulong bytes = count * (ulong)valueBytes; // caller bounds count, so no overflow
        if (bytes > (ulong)Remaining)
            throw fail($"truncated: {what} needs {bytes} bytes at byte {Position} but only {Remaining} remain");
        stream.Seek((long)bytes, SeekOrigin.Current);
    }

    private int CheckedStringLength(string what, ulong maxBytes)
    {
        ulong length = ReadUInt64($"length of {what}");
        if (length > (ulong)Remaining)
            throw fail($"truncated: {what} claims {length} bytes at byte {Position} but only {Remaining} remain");
        if (length > maxBytes)
            throw fail($"{what} is {length} bytes long (limit {maxBytes})");
        return (int)length;
    }

    private Span<byte> ReadExactly(Span<byte> buffer, string what)
    {
        if (buffer.Length > Remaining)
            throw fail($"truncated: {what} needs {buffer.Length} bytes at byte {Position} but only {Remaining} remain");
        stream.ReadExactly(buffer);
        return buffer;
    }
}
