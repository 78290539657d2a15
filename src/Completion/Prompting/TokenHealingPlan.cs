using System.Text;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Token healing: drop the last <see cref="BackOffTokens"/> tokens of the prefix from the prompt and make the
/// generation start with <see cref="RequiredPrefix"/> (exactly the text of the dropped tokens), so the model picks
/// the natural tokenization of a word the cursor is in the middle of ("▁Console" rather than "▁Con" + "sole").
/// </summary>
public sealed record TokenHealingPlan(int BackOffTokens, string RequiredPrefix)
{
    public static readonly TokenHealingPlan None = new(0, "");

    public bool IsNone => BackOffTokens == 0;

    /// <summary>The generated text with the healed part (which the document already has) removed.</summary>
    public string StripRequiredPrefix(string generated) =>
        generated.StartsWith(RequiredPrefix, StringComparison.Ordinal) ? generated[RequiredPrefix.Length..] : generated;

    /// <summary>A fresh constraint to check generated token pieces against.</summary>
    public TokenHealingConstraint Constraint() => new(Encoding.UTF8.GetBytes(RequiredPrefix));
}

/// <summary>
/// The decoding-time side of a <see cref="TokenHealingPlan"/>: until the required text is produced, a token is
/// allowed only if its piece extends what is still required or is a start of it.
/// </summary>
public sealed class TokenHealingConstraint(byte[] required)
{
    private int _matched;

    /// <summary>True once the required text has been generated; from then on every token is allowed.</summary>
    public bool IsSatisfied => _matched >= required.Length;

    public bool Allows(ReadOnlySpan<byte> piece)
    {
        if (IsSatisfied) return true;
        if (piece.IsEmpty) return false;
        var rest = required.AsSpan(_matched);
        return piece.Length >= rest.Length ? piece.StartsWith(rest) : rest.StartsWith(piece);
    }

    /// <summary>Records a generated token's piece; it must be allowed.</summary>
    public void Accept(ReadOnlySpan<byte> piece)
    {
        if (!Allows(piece)) throw new InvalidOperationException("The token does not continue the required text.");
        _matched = Math.Min(required.Length, _matched + piece.Length);
    }
}
