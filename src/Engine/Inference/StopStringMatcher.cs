namespace LlamaCode.Engine.Inference;

/// <summary>
/// Finds stop strings in streamed text. Text that could still become a stop string is held back
/// until it either completes one (and is dropped) or cannot (and is released).
/// </summary>
public sealed class StopStringMatcher(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = stops.Where(s => s.Length > 0).ToArray();
    private string _held = string.Empty;

    public bool Stopped { get; private set; }

    /// <summary>Adds text; returns what may be emitted now.</summary>
    public string Push(string text)
    {
        if (Stopped) return string.Empty;
        var buffer = _held + text;
        var stopAt = -1;
        foreach (var s in _stops)
        {
            var i = buffer.IndexOf(s, StringComparison.Ordinal);
            if (i >= 0 && (stopAt < 0 || i < stopAt)) stopAt = i;
        }
        if (stopAt >= 0)
        {
            Stopped = true;
            _held = string.Empty;
            return buffer[..stopAt];
        }
        var keep = LongestSuffixThatStartsAStop(buffer);
        _held = buffer[(buffer.Length - keep)..];
        return buffer[..(buffer.Length - keep)];
    }

    /// <summary>At the end of generation, what was held back is released.</summary>
    public string Flush()
    {
        var rest = Stopped ? string.Empty : _held;
        _held = string.Empty;
        return rest;
    }

    private int LongestSuffixThatStartsAStop(string buffer)
    {
        var best = 0;
        foreach (var s in _stops)
            for (var len = Math.Min(s.Length - 1, buffer.Length); len > best; len--)
                if (string.CompareOrdinal(buffer, buffer.Length - len, s, 0, len) == 0) { best = len; break; }
        return best;
    }
}
