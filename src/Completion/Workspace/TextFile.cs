using System.Text;

namespace LlamaCode.Completion.Workspace;

/// <summary>Why a file of the workspace was left out of the index.</summary>
public enum SkipReason { None, TooLarge, Binary, Unreadable }

/// <summary>
/// Reads workspace files as text: detects binaries (a NUL byte, or bytes that are not UTF-8, in the first 8 KiB),
/// honours a BOM (UTF-8, UTF-16, UTF-32) and keeps line endings as they are (CRLF stays CRLF, so that offsets match
/// what an editor shows; line splitting elsewhere treats "\r\n" as one break).
/// </summary>
public static class TextFile
{
    private const int SniffBytes = 8192;

    public static SkipReason TryRead(string fullPath, long maxBytes, out string text)
    {
        text = string.Empty;
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > maxBytes) return SkipReason.TooLarge;
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SkipReason.Unreadable;
        }
        if (bytes.LongLength > maxBytes) return SkipReason.TooLarge;
        return TryDecode(bytes, out text) ? SkipReason.None : SkipReason.Binary;
    }

    /// <summary>Decodes <paramref name="bytes"/> as text, or returns false when they look binary.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        text = string.Empty;
        var bom = BomEncoding(bytes, out int bomLength);
        var body = bytes[bomLength..];
        if (bom is not null and not UTF8Encoding)
        {
            // UTF-16 and UTF-32 hold NUL bytes; a NUL character is as telling as a NUL byte in UTF-8.
            var decoded = bom.GetString(body);
            if (decoded.AsSpan(0, Math.Min(decoded.Length, SniffBytes)).Contains('\0')) return false;
            text = decoded;
            return true;
        }
        // A UTF-8 BOM says nothing about what follows: sniffed as without one.
        if (LooksBinary(body)) return false;
        text = Encoding.UTF8.GetString(body);
        return true;
    }

    /// <summary>A NUL byte, or an invalid UTF-8 sequence, in the first 8 KiB (git's and ripgrep's heuristic, plus UTF-8).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, SniffBytes)];
        if (head.IndexOf((byte)0) >= 0) return true;
        // A cut in the middle of a multi-byte sequence at the end of the sniffed window is not an error.
        int end = head.Length;
        if (bytes.Length > SniffBytes)
            while (end > 0 && head.Length - end < 3 && (head[end - 1] & 0xC0) == 0x80) end--;
        if (bytes.Length > SniffBytes && end > 0 && head[end - 1] >= 0xC0) end--;
        return !System.Text.Unicode.Utf8.IsValid(head[..end]);
    }

    private static Encoding? BomEncoding(ReadOnlySpan<byte> b, out int length)
    {
        length = 0;
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) { length = 4; return new UTF32Encoding(false, false); }
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) { length = 4; return new UTF32Encoding(true, false); }
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) { length = 3; return new UTF8Encoding(false); }
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) { length = 2; return new UnicodeEncoding(false, false); }
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) { length = 2; return new UnicodeEncoding(true, false); }
        return null;
    }
}
