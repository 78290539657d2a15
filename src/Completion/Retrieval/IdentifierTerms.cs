namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// The retrieval terms of a text: every identifier, lower-cased, plus its sub-words when it is a compound
/// (camelCase, PascalCase, snake_case, SCREAMING_CASE): <c>HttpClientFactory</c> gives <c>httpclientfactory</c>,
/// <c>http</c>, <c>client</c>, <c>factory</c>; <c>XMLParser</c> gives <c>xmlparser</c>, <c>xml</c>, <c>parser</c>.
/// Keywords of common languages and one-character terms are dropped. Digits stay with the word before them
/// (<c>utf8Reader</c>: <c>utf8</c>, <c>reader</c>).
/// </summary>
public static class IdentifierTerms
{
    /// <summary>The distinct terms of <paramref name="text"/>, in order of first occurrence.</summary>
    public static IReadOnlyList<string> Distinct(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<string>();
        ForEach(text, term => { if (seen.Add(term)) terms.Add(term); });
        return terms;
    }

    /// <summary>How often each term occurs in <paramref name="text"/> (the bag BM25 scores).</summary>
    public static Dictionary<string, int> Count(ReadOnlySpan<char> text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        ForEach(text, term => counts[term] = counts.GetValueOrDefault(term) + 1);
        return counts;
    }

    /// <summary>Calls <paramref name="onTerm"/> for each term occurrence of <paramref name="text"/>.</summary>
    public static void ForEach(ReadOnlySpan<char> text, Action<string> onTerm) =>
        ForEachIdentifier(text, identifier => EmitIdentifier(identifier, onTerm));

    /// <summary>
    /// The lower-cased words of one identifier, keywords kept, one-character words dropped (for matching names
    /// against names): <c>HttpClientFactory</c> gives <c>http</c>, <c>client</c>, <c>factory</c>; <c>Order</c> gives <c>order</c>.
    /// </summary>
    public static List<string> Words(ReadOnlySpan<char> identifier)
    {
        var words = new List<string>();
        Span<Range> parts = stackalloc Range[Math.Min(identifier.Length, 64)];
        int count = SplitWords(identifier, parts);
        for (int p = 0; p < count; p++)
            if (identifier[parts[p]] is { Length: >= 2 } word) words.Add(word.ToString().ToLowerInvariant());
        return words;
    }

    /// <summary>The <see cref="Words"/> of every identifier in <paramref name="text"/>.</summary>
    public static HashSet<string> WordsOf(ReadOnlySpan<char> text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        ForEachIdentifier(text, identifier => words.UnionWith(Words(identifier)));
        return words;
    }

    private delegate void IdentifierHandler(ReadOnlySpan<char> identifier);

    private static void ForEachIdentifier(ReadOnlySpan<char> text, IdentifierHandler onIdentifier)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (!IsIdentifierStart(text[i])) { i++; continue; }
            int start = i;
            while (i < text.Length && IsIdentifierPart(text[i])) i++;
            onIdentifier(text[start..i]);
        }
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);
    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static void EmitIdentifier(ReadOnlySpan<char> identifier, Action<string> onTerm)
    {
        var whole = Term(identifier);
        if (whole is not null) onTerm(whole);

        // Sub-words only for compounds: a plain word would repeat the whole identifier.
        Span<Range> parts = stackalloc Range[Math.Min(identifier.Length, 64)];
        int count = SplitWords(identifier, parts);
        if (count < 2) return;
        for (int p = 0; p < count; p++)
        {
            var sub = Term(identifier[parts[p]]);
            if (sub is not null) onTerm(sub);
        }
    }

    private static string? Term(ReadOnlySpan<char> word)
    {
        if (word.Length < 2) return null;
        Span<char> lower = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        return CodeKeywords.Lookup.Contains(lower) ? null : new string(lower);
    }

    /// <summary>
    /// Splits an identifier into words at underscores, at lower-to-upper changes (<c>httpClient</c>), and before the
    /// last capital of a run of capitals followed by a lower-case letter (<c>XMLParser</c>: <c>XML</c>, <c>Parser</c>).
    /// </summary>
    private static int SplitWords(ReadOnlySpan<char> id, Span<Range> parts)
    {
        int count = 0, start = -1;
        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            if (c == '_')
            {
                if (start >= 0) Add(ref count, parts, start, i);
                start = -1;
                continue;
            }
            if (start < 0) { start = i; continue; }
            char prev = id[i - 1];
            bool boundary =
                (char.IsUpper(c) && (char.IsLower(prev) || char.IsDigit(prev))) ||
                (char.IsUpper(c) && char.IsUpper(prev) && i + 1 < id.Length && char.IsLower(id[i + 1]));
            if (boundary)
            {
                Add(ref count, parts, start, i);
                start = i;
            }
        }
        if (start >= 0) Add(ref count, parts, start, id.Length);
        return count;
    }

    private static void Add(ref int count, Span<Range> parts, int start, int end)
    {
        if (count < parts.Length) parts[count++] = start..end;
    }
}
