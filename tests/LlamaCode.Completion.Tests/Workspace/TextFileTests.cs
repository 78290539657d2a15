using System.Text;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Tests.Workspace;

public sealed class TextFileTests : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    public static TheoryData<string, byte[]> Encodings => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes("a\r\nb\u00e9") },
        { "UTF-8 BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("a\r\nb\u00e9")] },
        { "UTF-16 LE BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a\r\nb\u00e9")] },
        { "UTF-16 BE BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("a\r\nb\u00e9")] },
        { "UTF-32 LE BOM", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("a\r\nb\u00e9")] },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Decodes_by_the_BOM_and_keeps_CRLF(string encoding, byte[] bytes)
    {
        Assert.True(TextFile.TryDecode(bytes, out var text), encoding);
        Assert.Equal("a\r\nb\u00e9", text);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 })]          // a NUL (an executable's header)
    [InlineData(new byte[] { 0x61, 0xFF, 0xFE, 0x62 })]                // not UTF-8 (FF FE not at the start)
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0x00, 0x62 })]    // a UTF-8 BOM, then a NUL
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00, 0x00, 0x00, 0x62, 0x00 })] // UTF-16 holding a NUL character
    public void Binary_bytes_are_not_text(byte[] bytes) => Assert.False(TextFile.TryDecode(bytes, out _));

    [Fact]
    public void A_multi_byte_character_cut_by_the_sniffed_window_is_not_binary()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 8191) + "\u20ac" + "tail"); // the euro sign spans bytes 8191-8193
        Assert.True(TextFile.TryDecode(bytes, out var text));
        Assert.EndsWith("\u20actail", text);
    }

    [Fact]
    public void Reads_files_up_to_the_size_limit()
    {
        var small = workspace.Write("small.txt", "12345");
        var large = workspace.Write("large.txt", "123456");
        var binary = workspace.Write("data.bin", [1, 0, 2]);

        Assert.Equal(SkipReason.None, TextFile.TryRead(small, 5, out var text));
        Assert.Equal("12345", text);
        Assert.Equal(SkipReason.TooLarge, TextFile.TryRead(large, 5, out _));
        Assert.Equal(SkipReason.Binary, TextFile.TryRead(binary, 5, out _));
        Assert.Equal(SkipReason.Unreadable, TextFile.TryRead(Path.Combine(workspace.Root, "missing.txt"), 5, out _));
    }
}
