namespace LlamaCode.Engine.Inference;

/// <summary>
/// What the first generated tokens must spell (token healing's required text): until the required text is produced, a token is
/// allowed only if its piece extends what is still required or is a start of it.
/// </summary>
public sealed class RequiredPrefixConstraint(byte[] required)
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
