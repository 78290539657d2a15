namespace LlamaCode.Completion.Tests.Support;

/// <summary>Test fixtures mark the cursor with "$0".</summary>
public static class Cursor
{
    public const string Marker = "$0";

    /// <summary>The text before and after the cursor marker (which must occur exactly once).</summary>
    public static (string Prefix, string Suffix) Split(string fixture)
    {
        int at = fixture.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || fixture.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"The fixture must mark the cursor with one {Marker}: {fixture}");
        return (fixture[..at], fixture[(at + Marker.Length)..]);
    }
}
