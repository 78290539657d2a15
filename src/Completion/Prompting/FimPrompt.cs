using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// A fill-in-the-middle prompt as token ids, ready to decode, with what went into it.
/// <see cref="Prefix"/> and <see cref="Suffix"/> are the document text actually used, after truncation;
/// <see cref="Context"/> the retrieved blocks actually used, in prompt order.
/// </summary>
public sealed record FimPrompt(
    Token[] Tokens,
    FimLayout Layout,
    int PrefixTokenOffset,
    int PrefixTokenCount,
    int SuffixTokenCount,
    int ContextTokenCount,
    string Prefix,
    string Suffix,
    IReadOnlyList<ContextBlock> Context,
    IReadOnlyList<Token> StopTokens)
{
    /// <summary>The tokens of the prefix text (the last ones of the prompt in SPM, where generation continues them).</summary>
    public ReadOnlySpan<Token> PrefixTokens => Tokens.AsSpan(PrefixTokenOffset, PrefixTokenCount);

    /// <summary>True when generating <paramref name="token"/> ends the middle.</summary>
    public bool IsStop(Token token) => StopTokens.Contains(token);
}
