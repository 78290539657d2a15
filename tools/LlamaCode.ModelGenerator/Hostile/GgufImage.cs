using System.Buffers.Binary;
using System.Text;
using LlamaCode.ModelGenerator.Gguf;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>
/// A GGUF file in memory, patched field by field for the container-level hostile cases (what GgufWriter refuses to
/// write). Fields are found by the length-prefixed strings that precede them.
/// </summary>
internal sealed class GgufImage(byte[] bytes)
{
    public byte[] Bytes { get; private set; } = bytes;

    public static GgufImage Of(GgufModelSpec spec)
    {
        using var memory = new MemoryStream();
        spec.Write(memory);
        return new GgufImage(memory.ToArray());
    }

    /// <summary>Offset of the u64 length prefix of <paramref name="text"/> stored as a GGUF string (its first occurrence).</summary>
    public int StringAt(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] needle = new byte[8 + utf8.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(needle, (ulong)utf8.Length);
        utf8.CopyTo(needle, 8);
        int at = Bytes.AsSpan().IndexOf(needle);
        return at >= 0 ? at : throw new InvalidOperationException($"'{text}' is not in the file");
    }

    /// <summary>Offset just past a stored string: a metadata value's type, or a tensor info's dimension count.</summary>
    public int After(string text) => StringAt(text) + 8 + Encoding.UTF8.GetByteCount(text);

    /// <summary>Offsets of a tensor info's fields.</summary>
    public (int Dims, int FirstDim, int Type, int Offset) TensorInfo(string name)
    {
        int dims = After(name);
        int type = dims + 4 + 8 * (int)BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(dims));
        return (dims, dims + 4, type, type + 4);
    }

    /// <summary>Where the data section starts: after the last tensor info, aligned to 32 bytes.</summary>
    public int DataStart(string lastTensor, int alignment = 32) => (TensorInfo(lastTensor).Offset + 8 + alignment - 1) / alignment * alignment;

    public uint UInt32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(at));
    public ulong UInt64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(at));

    public GgufImage SetUInt32(int at, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(at), value);
        return this;
    }

    public GgufImage SetUInt64(int at, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(at), value);
        return this;
    }

    public GgufImage SetAscii(int at, string text)
    {
        Encoding.ASCII.GetBytes(text).CopyTo(Bytes, at);
        return this;
    }

    /// <summary>Rewrites a stored string (first occurrence) as another of the same UTF-8 length.</summary>
    public GgufImage Rename(string from, string to)
    {
        if (Encoding.UTF8.GetByteCount(from) != Encoding.UTF8.GetByteCount(to)) throw new ArgumentException("renames keep the length");
        Encoding.UTF8.GetBytes(to).CopyTo(Bytes, StringAt(from) + 8);
        return this;
    }

    public GgufImage Truncate(int length)
    {
        Bytes = Bytes[..Math.Min(length, Bytes.Length)];
        return this;
    }

    public GgufImage Append(int count, byte value = 0)
    {
        var longer = new byte[Bytes.Length + count];
        Bytes.CopyTo(longer, 0);
        longer.AsSpan(Bytes.Length).Fill(value);
        Bytes = longer;
        return this;
    }

    public void Write(string path) => File.WriteAllBytes(path, Bytes);
}
