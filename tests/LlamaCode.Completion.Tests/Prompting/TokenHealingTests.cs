using System.Text;
using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Tests.Support;

namespace LlamaCode.Completion.Tests.Prompting;

public sealed class TokenHealingTests
{
    private readonly SentencePieceTestTokenizer _tokenizer = new();

    [Theory]
    // prefix as the SPM prompt ends with it -> tokens backed off and the text the generation must start with
    [InlineData("var x = Con", 1, " Con")]          // "▁Con": the token that reaches before the word goes whole
    [InlineData("Console.Wr", 2, "Wr")]             // "W" + "r"
    [InlineData("return x", 1, " x")]
    [InlineData("if (x) {\n    ", 1, "    ")]       // "▁▁▁▁": the space belongs to the next word in SentencePiece
    [InlineData("foo(", 0, "")]                     // punctuation: the next token starts fresh
    [InlineData("x = 1;\n", 0, "")]                 // never across a line break
    [InlineData("naïve", 4, "ïve")]                 // "ï" is two byte tokens; the four tokens end on whole characters
    [InlineData("qqqqqq", 4, "qqqq")]               // at most four tokens
    public void Backs_off_the_partial_word_at_the_cursor(string prefix, int backOff, string required)
    {
        var tokens = new PromptTextEncoder(_tokenizer).EncodeAtStart(prefix);

        var plan = TokenHealing.Plan(_tokenizer, tokens);

        Assert.Equal(new TokenHealingPlan(backOff, required), plan);
        Assert.Equal(required, new PromptTextEncoder(_tokenizer).Spell(tokens.AsSpan(tokens.Length - backOff)));
    }

    [Theory]
    [InlineData(1, 0, "")]   // the last token alone is half of "é": nothing is backed off
    [InlineData(2, 2, "é")]
    [InlineData(3, 3, "fé")]
    public void Never_requires_half_a_character(int maxBackOff, int backOff, string required)
    {
        var tokens = new PromptTextEncoder(_tokenizer).EncodeAtStart("café");

        Assert.Equal(new TokenHealingPlan(backOff, required), TokenHealing.Plan(_tokenizer, tokens, maxBackOff));
    }

    [Fact]
    public void Nothing_to_heal_in_an_empty_prefix() =>
        Assert.Equal(TokenHealingPlan.None, TokenHealing.Plan(_tokenizer, []));

    [Theory]
    // required text, generated pieces in order -> whether each is allowed
    [InlineData(" Con", " Console", true)]
    [InlineData(" Con", " Cat", false)]
    [InlineData(" Con", " C|on|sole", true)]
    [InlineData(" Con", " C|x", false)]
    [InlineData(" Con", "Con", false)]
    [InlineData(" Con", " Con|anything", true)]
    public void The_constraint_allows_only_pieces_that_spell_the_required_text_first(string required, string pieces, bool allowed)
    {
        var constraint = new TokenHealingPlan(1, required).Constraint();

        bool all = true;
        foreach (var piece in pieces.Split('|').Select(Encoding.UTF8.GetBytes))
        {
            if (!constraint.Allows(piece)) { all = false; break; }
            constraint.Accept(piece);
        }

        Assert.Equal(allowed, all);
        if (allowed) Assert.True(constraint.IsSatisfied);
    }

    [Fact]
    public void The_healed_text_is_removed_from_what_is_inserted() =>
        Assert.Equal("sole.WriteLine()", new TokenHealingPlan(1, " Con").StripRequiredPrefix(" Console.WriteLine()"));
}
