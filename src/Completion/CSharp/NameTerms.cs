namespace LlamaCode.Completion.CSharp;

/// <summary>The lower-cased words of identifiers: <c>HttpClientFactory</c> → http, client, factory; <c>XMLParser</c> → xml, parser.</summary>
public static class NameTerms
{
    /// <summary>The sub-words of one identifier (PascalCase, camelCase, snake_case, digits split off).</summary>
    public static IEnumerable<string> Split(string identifier)
    {
        int start = -1;
        for (int i = 0; i <= identifier.Length; i++)
        {
            bool boundary = i == identifier.Length || !char.IsLetter(identifier[i]) ||
                (i > start && start >= 0 && char.IsUpper(identifier[i]) &&
                 (!char.IsUpper(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))));
            if (boundary && start >= 0)
            {
                if (i - start > 1) yield return identifier[start..i].ToLowerInvariant();
                start = -1;
            }
            if (i < identifier.Length && char.IsLetter(identifier[i]) && start < 0) start = i;
        }
    }

    /// <summary>The sub-words of every identifier in <paramref name="text"/>.</summary>
    public static HashSet<string> OfText(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsLetter(text[i]) || text[i] == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                foreach (var term in Split(text[start..i])) terms.Add(term);
            }
            else i++;
        }
        return terms;
    }
}
