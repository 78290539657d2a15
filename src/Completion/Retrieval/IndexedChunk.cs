namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// A chunk as the index holds it: where it is and the ids of its distinct terms (of the index's term table), without
/// its text. The text is read again, from the editor's copy or the file, only for the few chunks a search returns
/// (see <see cref="RepositoryIndex"/>): a large repository's text would otherwise sit in memory twice.
/// </summary>
/// <remarks>
/// The term ids are kept only to take the chunk out of the postings and to compare chunks for near-duplicates (how often
/// each term occurs is in the postings), ascending, each as the gap from the one before in LEB128 (7 bits a byte): about
/// 1.5 bytes a term instead of 4, which on a 1.7M-line repository is tens of MB.
/// </remarks>
public sealed class IndexedChunk
{
    private readonly byte[] _termGaps;

    /// <param name="termIds">the chunk's distinct term ids, ascending</param>
    public IndexedChunk(string path, int startLine, int endLine, ReadOnlySpan<int> termIds, int length)
    {
        Path = path;
        StartLine = startLine;
        EndLine = endLine;
        Length = length;
        TermCount = termIds.Length;
        _termGaps = Encode(termIds);
    }

    public string Path { get; }
    public int StartLine { get; }
    public int EndLine { get; }

    /// <summary>The number of term occurrences: the document length BM25 normalizes by.</summary>
    public int Length { get; }

    /// <summary>How many distinct terms the chunk holds.</summary>
    public int TermCount { get; }

    /// <summary>Ids of the chunk's distinct terms, ascending.</summary>
    public TermIdReader TermIds => new(_termGaps);

    /// <summary>|A ∩ B| / |A ∪ B| of the two chunks' term sets.</summary>
    public static double Jaccard(IndexedChunk a, IndexedChunk b)
    {
        var x = a.TermIds;
        var y = b.TermIds;
        bool hasX = x.MoveNext(), hasY = y.MoveNext();
        int common = 0;
        while (hasX && hasY)
        {
            if (x.Current == y.Current) { common++; hasX = x.MoveNext(); hasY = y.MoveNext(); }
            else if (x.Current < y.Current) hasX = x.MoveNext();
            else hasY = y.MoveNext();
        }
        return Similarity.Jaccard(a.TermCount, b.TermCount, common);
    }

    private static byte[] Encode(ReadOnlySpan<int> ascending)
    {
        int size = 0, previous = 0;
        foreach (int id in ascending)
        {
            size += VarintLength((uint)(id - previous));
            previous = id;
        }
        var bytes = new byte[size];
        int at = 0;
        previous = 0;
        foreach (int id in ascending)
        {
            if (id < previous) throw new ArgumentException("Term ids must be ascending.", nameof(ascending));
            for (uint gap = (uint)(id - previous); ; gap >>= 7)
            {
                if (gap < 0x80) { bytes[at++] = (byte)gap; break; }
                bytes[at++] = (byte)(gap | 0x80);
            }
            previous = id;
        }
        return bytes;
    }

    private static int VarintLength(uint value)
    {
        int n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }

    /// <summary>Decodes the term ids one at a time (foreach over <see cref="TermIds"/>), allocating nothing.</summary>
    public struct TermIdReader(byte[] gaps)
    {
        private int _at;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            if (_at >= gaps.Length) return false;
            uint gap = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = gaps[_at++];
                gap |= (uint)(b & 0x7F) << shift;
                if (b < 0x80) break;
            }
            Current += (int)gap;
            return true;
        }

        public readonly TermIdReader GetEnumerator() => this;
    }
}
