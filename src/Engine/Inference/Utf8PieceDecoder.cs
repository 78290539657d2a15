using System.Text;

namespace LlamaCode.Engine.Inference;

/// <summary>Turns token pieces (raw bytes, possibly a partial UTF-8 character) into whole characters.</summary>
public sealed class Utf8PieceDecoder
{
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();

    public string Push(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        var n = _decoder.GetChars(bytes, chars, flush: false);
        return new string(chars, 0, n);
    }

    public string Flush()
    {
        var chars = new char[8];
        var n = _decoder.GetChars(ReadOnlySpan<byte>.Empty, chars, flush: true);
        return new string(chars, 0, n);
    }
}
