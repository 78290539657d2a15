using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Tests.Support;

namespace LlamaCode.Completion.Tests.Prompting;

/// <summary>Token by token, with the SentencePiece stand-in: where the space prefix goes and where it must not.</summary>
public sealed class TokenBoundaryTests
{
    private readonly SentencePieceTestTokenizer _tokenizer = new();

    [Theory]
    // "▁return" is one token: stripping a lone "▁" token would not remove the added space here.
    [InlineData("int x = $0return y;", FimLayout.Psm, "<s>|<PRE>|▁int|▁x|▁=|▁|<SUF>|return|▁y|;|<MID>")]
    [InlineData("int x = $0return y;", FimLayout.Spm, "<s>|<PRE>|<SUF>|return|▁y|;|<MID>|▁int|▁x|▁=|▁")]
    [InlineData("$0    return;", FimLayout.Psm, "<s>|<PRE>|<SUF>|▁▁▁▁|return|;|<MID>")]
    [InlineData("a$0\nb", FimLayout.Psm, "<s>|<PRE>|▁|a|<SUF>|↵|b|<MID>")]
    public void The_suffix_has_no_space_prefix_and_the_prefix_has_the_reference_one(string fixture, FimLayout layout, string expected)
    {
        var (prefix, suffix) = Cursor.Split(fixture);

        var prompt = FimPromptBuilder.Build(_tokenizer, layout, prefix, suffix, new TokenBudget(4096));

        Assert.Equal(expected, PromptRendering.Pieces(_tokenizer, prompt.Tokens));
    }

    [Fact]
    public void Only_the_first_context_block_carries_the_space_prefix()
    {
        var prompt = FimPromptBuilder.Build(_tokenizer, FimLayout.Psm, "return x", "", new TokenBudget(4096),
            [new ContextBlock("A", "x", 1), new ContextBlock("B", "y", 0)]);

        Assert.Equal("<s>|<PRE>|▁//|▁Path|:|▁|A|↵|x|↵|//|▁Path|:|▁|B|↵|y|↵|return|▁x|<SUF>|<MID>",
            PromptRendering.Pieces(_tokenizer, prompt.Tokens));
    }

    [Theory]
    [InlineData("return")]
    [InlineData(" return")]
    [InlineData("\n\nfoo")]
    [InlineData("☺☺ starts with the sentinel")]
    [InlineData("日本語 and ü")]
    public void Continuation_text_spells_exactly_the_text(string text)
    {
        var encoder = new PromptTextEncoder(_tokenizer);

        var tokens = encoder.EncodeContinuation(text);

        Assert.Equal(text, encoder.Spell(tokens));
        Assert.Equal(" " + text, encoder.Spell(encoder.EncodeAtStart(text)));
    }
}
