using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends.Tokens;

/// <summary>
/// The tokens of text line by line, each line's kept in a cache bounded by its characters: typing changes one line, so a
/// keystroke's prompt tokenizes only the lines it changed. A line is tokenized with a line break in front (the line
/// before it ends with one), which is then cut off; the first line of a text as the start of a text (with the
/// tokenizer's space prefix). Exact for a vocabulary in which no token joins a line break to the text after it: the
/// cut checks that on every line it tokenizes, and says so (null) when it does not hold.
/// </summary>
internal sealed class LineTokenCache(long maxCharacters)
{
    private readonly WeightedLru<(string Text, bool Continuation), Token[]> _lines = new(maxCharacters, (k, _) => k.Text.Length);

    /// <summary>
    /// The tokens of <paramref name="text"/>; <paramref name="tokenize"/> gets the missing lines (all at once) as they
    /// are to be tokenized, each on its own, and returns their tokens one after the other. Null when the vocabulary
    /// joined a line break to the text after it.
    /// </summary>
    public Token[]? Tokenize(string text, bool spacePrefix, Func<IReadOnlyList<string>, IReadOnlyList<ServerToken>> tokenize, Action<ServerToken> seen)
    {
        var lines = LineSegments.Split(text);
        var found = new Token[]?[lines.Count];
        var missing = new List<(string Text, bool Continuation)>();
        var missingSet = new HashSet<(string Text, bool Continuation)>();
        for (int i = 0; i < lines.Count; i++)
            if (!_lines.TryGet((lines[i], i > 0), out found[i]!) && missingSet.Add((lines[i], i > 0))) missing.Add((lines[i], i > 0));
        if (missing.Count > 0)
        {
            // The space prefix is part of the first line's tokens (it joins the first word); the line break in front of
            // every other line is a lead that is cut off.
            var space = spacePrefix ? " " : "";
            var sent = missing.Select(l => l.Continuation ? "\n" + l.Text : l.Text).ToList();
            var cut = LineSegments.Cut(tokenize(sent),
                missing.Select(l => l.Continuation ? l.Text : space + l.Text).ToList(),
                missing.Select(l => l.Continuation ? space + "\n" : "").ToList());
            if (cut is null) return null;
            var fetched = new Dictionary<(string Text, bool Continuation), Token[]>(missing.Count);
            for (int k = 0; k < missing.Count; k++)
            {
                var tokens = new Token[cut[k].Length];
                for (int j = 0; j < tokens.Length; j++)
                {
                    seen(cut[k][j]);
                    tokens[j] = new Token(cut[k][j].Id);
                }
                _lines.Set(missing[k], tokens);
                fetched[missing[k]] = tokens;
            }
            for (int i = 0; i < lines.Count; i++) found[i] ??= fetched[(lines[i], i > 0)];
        }
        var result = new Token[found.Sum(f => f!.Length)];
        int at = 0;
        foreach (var f in found)
        {
            f!.CopyTo(result, at);
            at += f.Length;
        }
        return result;
    }
}
