namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// A retrievable piece of a workspace file: whole lines <paramref name="StartLine"/>..<paramref name="EndLine"/>
/// (0-based, inclusive) and their text (line breaks as in the file, no final one).
/// </summary>
public sealed record CodeChunk(string Path, int StartLine, int EndLine, string Text)
{
    private readonly (IReadOnlyDictionary<string, int> Terms, int Length) bag = Bag(Text);

    /// <summary>The chunk's identifier terms (see <see cref="IdentifierTerms"/>) and how often each occurs.</summary>
    public IReadOnlyDictionary<string, int> Terms => bag.Terms;

    /// <summary>The number of term occurrences: the document length BM25 normalizes by.</summary>
    public int Length => bag.Length;

    public int LineCount => EndLine - StartLine + 1;

    // Equal when the positional values are (the term bag follows from the text).
    public bool Equals(CodeChunk? other) =>
        other is not null && Path == other.Path && StartLine == other.StartLine && EndLine == other.EndLine && Text == other.Text;

    public override int GetHashCode() => HashCode.Combine(Path, StartLine, EndLine, Text);

    private static (IReadOnlyDictionary<string, int>, int) Bag(string text)
    {
        var counts = IdentifierTerms.Count(text);
        return (counts, counts.Values.Sum());
    }
}
