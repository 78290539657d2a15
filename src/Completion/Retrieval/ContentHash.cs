using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LlamaCode.Completion.Retrieval;

/// <summary>A file's content as a key: the first 16 bytes of SHA-256 over its text (UTF-16), stable across processes.</summary>
public readonly record struct ContentHash(Guid Value)
{
    public static ContentHash Of(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), digest);
        return new ContentHash(new Guid(digest[..16]));
    }

    public byte[] ToBytes() => Value.ToByteArray();

    public override string ToString() => Value.ToString("N");
}
