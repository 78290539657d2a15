using System.Globalization;
using System.Text;
using System.Text.Unicode;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>Decides how to heal the end of a prompt's prefix (see <see cref="TokenHealingPlan"/>).</summary>
public static class TokenHealing
{
    public const int DefaultMaxBackOffTokens = 4;

    /// <summary>
    /// Backs off the trailing tokens that overlap the partial word at the cursor: the trailing run of identifier
    /// characters or, when the prefix ends in spaces or tabs, that run (SentencePiece attaches a space to the word
    /// after it). A token reaching before the word (like "▁Con") is backed off whole. Never backs off over a line
    /// break or a control token, nor more than <paramref name="maxBackOffTokens"/> tokens.
    /// </summary>
    public static TokenHealingPlan Plan(ITokenizer tokenizer, ReadOnlySpan<Token> prefixTokens, int maxBackOffTokens = DefaultMaxBackOffTokens)
    {
        int window = Math.Min(prefixTokens.Length, maxBackOffTokens);
        if (window <= 0) return TokenHealingPlan.None;

        var pieces = new byte[window][];
        for (int i = 0; i < window; i++) pieces[i] = tokenizer.TokenPiece(prefixTokens[prefixTokens.Length - window + i]);
        var tail = pieces.SelectMany(p => p).ToArray();
        int wordStart = PartialWordStart(tail);
        if (wordStart == tail.Length) return TokenHealingPlan.None;

        // Walk back from the last token while it overlaps the partial word.
        int backOff = 0, end = tail.Length;
        for (int i = window - 1; i >= 0 && end > wordStart; i--)
        {
            var piece = pieces[i];
            if (piece.Length == 0 || piece.Contains((byte)'\n')) break;
            backOff++;
            end -= piece.Length;
        }

        // A byte-fallback token may have split a character; keep the required text whole characters.
        while (backOff > 0 && !Utf8.IsValid(tail.AsSpan(tail.Length - BackedOffLength(pieces, backOff))))
            backOff--;
        if (backOff == 0) return TokenHealingPlan.None;
        var required = Encoding.UTF8.GetString(tail.AsSpan(tail.Length - BackedOffLength(pieces, backOff)));
        return new TokenHealingPlan(backOff, required);
    }

    private static int BackedOffLength(byte[][] pieces, int backOff) => pieces.TakeLast(backOff).Sum(p => p.Length);

    /// <summary>Byte offset where the trailing identifier run (or trailing run of spaces and tabs) starts; the length if none.</summary>
    private static int PartialWordStart(byte[] text)
    {
        int start = text.Length;
        if (Rune.DecodeLastFromUtf8(text, out var last, out _) != System.Buffers.OperationStatus.Done) return start;
        Func<Rune, bool> inRun = IsIdentifierPart(last) ? IsIdentifierPart : r => r.Value is ' ' or '\t';
        while (start > 0 && Rune.DecodeLastFromUtf8(text.AsSpan(0, start), out var rune, out int size) == System.Buffers.OperationStatus.Done && inRun(rune))
            start -= size;
        return start;
    }

    private static bool IsIdentifierPart(Rune rune) =>
        rune.Value == '_' || Rune.IsLetterOrDigit(rune) ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
}
