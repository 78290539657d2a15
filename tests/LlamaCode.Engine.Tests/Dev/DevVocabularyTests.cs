using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Dev;

public sealed class DevVocabularyTests
{
    private static readonly DevVocabulary Tiny = DevVocabulary.Build();
    private static readonly DevVocabulary CodeLlamaSized = DevVocabulary.Build(DevVocabulary.CodeLlamaVocabularySize);

    public static TheoryData<string> Both => new("tiny", "code llama sized");

    private static DevVocabulary Get(string name) => name == "tiny" ? Tiny : CodeLlamaSized;

    [Theory]
    [MemberData(nameof(Both))]
    public void Starts_like_llama_with_unk_bos_eos_then_256_byte_tokens(string name)
    {
        var vocab = Get(name);
        Assert.Equal(("<unk>", SentencePieceTokenType.Unknown), (vocab.Tokens[0], vocab.Types[0]));
        Assert.Equal(("<s>", SentencePieceTokenType.Control), (vocab.Tokens[1], vocab.Types[1]));
        Assert.Equal(("</s>", SentencePieceTokenType.Control), (vocab.Tokens[2], vocab.Types[2]));
        for (int b = 0; b < 256; b++)
        {
            Assert.Equal($"<0x{b:X2}>", vocab.Tokens[3 + b]);
            Assert.Equal(SentencePieceTokenType.Byte, vocab.Types[3 + b]);
        }
    }

    [Fact]
    public void Code_llama_sized_vocabulary_has_the_fim_tokens_at_code_llama_ids()
    {
        Assert.Equal(32016, CodeLlamaSized.Count);
        Assert.Equal((32007, 32008, 32009, 32010),
            (CodeLlamaSized.FimPrefixId, CodeLlamaSized.FimSuffixId, CodeLlamaSized.FimMiddleId, CodeLlamaSized.EotId));
    }

    [Fact]
    public void Tiny_vocabulary_has_the_fim_tokens_at_the_end()
    {
        Assert.InRange(Tiny.Count, 2000, 4000);
        Assert.Equal([Tiny.Count - 4, Tiny.Count - 3, Tiny.Count - 2, Tiny.Count - 1],
            new[] { Tiny.FimPrefixId, Tiny.FimSuffixId, Tiny.FimMiddleId, Tiny.EotId });
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void Fim_tokens_are_code_llama_control_tokens(string name)
    {
        var vocab = Get(name);
        Assert.Equal("▁<PRE>", vocab.Tokens[vocab.FimPrefixId]);
        Assert.Equal("▁<SUF>", vocab.Tokens[vocab.FimSuffixId]);
        Assert.Equal("▁<MID>", vocab.Tokens[vocab.FimMiddleId]);
        Assert.Equal("▁<EOT>", vocab.Tokens[vocab.EotId]);
        Assert.All(new[] { vocab.FimPrefixId, vocab.FimSuffixId, vocab.FimMiddleId, vocab.EotId },
            id => Assert.Equal(SentencePieceTokenType.Control, vocab.Types[id]));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void Every_normal_piece_can_be_built_by_merging_two_pieces(string name)
    {
        // llama.cpp's SPM tokenizer only ever merges adjacent pairs, starting from single characters.
        var vocab = Get(name);
        for (int id = 0; id < vocab.Count; id++)
        {
            string piece = vocab.Tokens[id];
            if (vocab.Types[id] != SentencePieceTokenType.Normal || piece.Length < 2) continue;
            Assert.True(vocab.Contains(piece[..^1]) && vocab.Contains(piece[^1..]), $"piece {id} '{piece}' is unreachable");
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void Pieces_are_unique(string name)
    {
        var vocab = Get(name);
        Assert.Equal(vocab.Count, vocab.Tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("▁public")]
    [InlineData("▁class")]
    [InlineData("▁return")]
    [InlineData("▁var")]
    [InlineData("▁int")]
    [InlineData("▁string")]
    [InlineData("▁void")]
    [InlineData("▁static")]
    [InlineData("▁new")]
    [InlineData("▁if")]
    [InlineData("▁for")]
    [InlineData("▁using")]
    [InlineData("▁namespace")]
    [InlineData("()")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData(";")]
    [InlineData("▁▁▁▁")]
    [InlineData("▁")]
    public void Has_common_csharp_pieces_scoring_above_their_prefixes(string piece)
    {
        Assert.True(Tiny.Contains(piece), $"missing '{piece}'");
        if (piece.Length > 1 && piece.Any(c => c != '▁'))
            Assert.True(Tiny.Scores[Tiny.IdOf(piece)] > Tiny.Scores[Tiny.IdOf(piece[..^1])]);
    }

    [Fact]
    public void Words_outscore_indentation_runs_so_indented_keywords_keep_their_space()
    {
        Assert.True(Tiny.Scores[Tiny.IdOf("▁r")] > Tiny.Scores[Tiny.IdOf("▁▁▁▁▁")]);
    }
}
