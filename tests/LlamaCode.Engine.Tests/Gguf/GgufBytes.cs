using System.Buffers.Binary;
using System.Text;

namespace LlamaCode.Engine.Tests.Gguf;

/// <summary>Finds and patches fields of a GGUF file image, locating them by their length-prefixed strings.</summary>
internal static class GgufBytes
{
    /// <summary>Offset of the u64 length prefix of <paramref name="text"/> stored as a GGUF string.</summary>
    public static int StringAt(byte[] file, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] needle = new byte[8 + utf8.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(needle, (ulong)utf8.Length);
        utf8.CopyTo(needle, 8);
        int at = file.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, $"'{text}' not found in the file");
        return at;
    }

    /// <summary>Offset just past <paramref name="text"/> stored as a GGUF string: a metadata type or tensor n_dims.</summary>
    public static int After(byte[] file, string text) => StringAt(file, text) + 8 + Encoding.UTF8.GetByteCount(text);

    /// <summary>Offsets of a tensor info's fields, found by its name.</summary>
    public static (int NDims, int Dims, int Type, int Offset) TensorInfo(byte[] file, string name)
    {
        int nDims = After(file, name);
        int dims = nDims + 4;
        int type = dims + 8 * (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(nDims));
        return (nDims, dims, type, type + 4);
    }

    public static byte[] WithUInt32(this byte[] file, int at, uint value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    public static byte[] WithUInt64(this byte[] file, int at, ulong value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    public static byte[] WithBytes(this byte[] file, int at, string ascii)
    {
        byte[] copy = (byte[])file.Clone();
        Encoding.ASCII.GetBytes(ascii).CopyTo(copy, at);
        return copy;
    }

    public static ulong ReadUInt64(this byte[] file, int at) => BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
}
