namespace LlamaCode.Engine.Model;

/// <summary>
/// GPT-2's byte-level BPE alphabet (bytes_to_unicode): every byte is one printable character, so that vocabularies
/// and merges are text. Printable Latin-1 bytes stand for themselves; the others map to U+0100 onwards in byte
/// order, which makes a space "Ġ" and a line feed "Ċ".
/// </summary>
public static class ByteLevelEncoding
{
    public const char Space = '\u0120'; // Ġ

    private static readonly char[] CharOfByte = Build();

    public static char CharFor(byte value) => CharOfByte[value];

    private static char[] Build()
    {
        var chars = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
            chars[b] = StandsForItself(b) ? (char)b : (char)next++;
        return chars;
    }

    private static bool StandsForItself(int b) => b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
}
