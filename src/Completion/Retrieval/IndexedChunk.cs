namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// A chunk as the index holds it: where it is and its term bag as ids of the index's term table (sorted), without
/// its text. The text is read again, from the editor's copy or the file, only for the few chunks a search returns
/// (see <see cref="RepositoryIndex"/>): a large repository's text would otherwise sit in memory twice.
/// </summary>
public sealed class IndexedChunk(string path, int startLine, int endLine, int[] termIds, ushort[] counts, int length)
{
    public string Path { get; } = path;
    public int StartLine { get; } = startLine;
    public int EndLine { get; } = endLine;

    /// <summary>Ids of the chunk's distinct terms, ascending.</summary>
    public int[] TermIds { get; } = termIds;

    /// <summary>How often each term of <see cref="TermIds"/> occurs (saturating at 65,535).</summary>
    public ushort[] Counts { get; } = counts;

    /// <summary>The number of term occurrences: the document length BM25 normalizes by.</summary>
    public int Length { get; } = length;

    /// <summary>|A ∩ B| / |A ∪ B| of the two chunks' term sets.</summary>
    public static double Jaccard(IndexedChunk a, IndexedChunk b)
    {
        int i = 0, j = 0, common = 0;
        var x = a.TermIds;
        var y = b.TermIds;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j]) { common++; i++; j++; }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return Similarity.Jaccard(x.Length, y.Length, common);
    }
}
