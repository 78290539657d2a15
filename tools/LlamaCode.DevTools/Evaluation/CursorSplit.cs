namespace LlamaCode.DevTools.Evaluation;

/// <summary>Which half of a repository's cursors: the one retrieval is developed on, or the one only reported.</summary>
public enum CursorHalf { Dev, Report }

/// <summary>
/// Splits recall cursors in two by their file's path (FNV-1a), so that a file is in the same half whatever the
/// sample size or seed, and neither half depends on what retrieval does.
/// </summary>
public static class CursorSplit
{
    public static CursorHalf HalfOf(RecallCursor cursor) => HalfOf(cursor.Path);

    public static CursorHalf HalfOf(string path)
    {
        uint hash = 2166136261;
        foreach (char c in path)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return (hash >> 7 & 1) == 0 ? CursorHalf.Dev : CursorHalf.Report;
    }

    public static IReadOnlyList<RecallCursor> Only(IEnumerable<RecallCursor> cursors, CursorHalf half) =>
        cursors.Where(c => HalfOf(c) == half).ToList();
}
