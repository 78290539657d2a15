using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Tests.Model;

[Collection(TinyModelCollection.Name)]
public class LlamaModelTests(TinyModel tiny)
{
    private LlamaModel Model => tiny.Model;

    [Fact]
    public void Reads_what_the_model_is()
    {
        var info = Model.Info;
        Assert.Equal("llama", info.Architecture);
        Assert.True(info.VocabularySize > 259);
        Assert.True(info.TrainingContextLength >= 4096);
        Assert.True(info.AddsBos);
        Assert.Equal(new Token(1), info.Special.Bos);
        Assert.Equal(new Token(2), info.Special.Eos);
        Assert.True(info.Special.HasFim);
        Assert.False(info.Special.Eot.IsNone);
        Assert.True(Model.IsEndOfGeneration(info.Special.Eot));
    }

    [Fact]
    public void The_fim_tokens_are_code_llamas()
    {
        var s = Model.Info.Special;
        // Control tokens render as their raw vocabulary text, SentencePiece's ▁ included, as in Code Llama's GGUF.
        Assert.Equal("\u2581<PRE>", Piece(s.FimPrefix));
        Assert.Equal("\u2581<SUF>", Piece(s.FimSuffix));
        Assert.Equal("\u2581<MID>", Piece(s.FimMiddle));
        Assert.Equal("\u2581<EOT>", Piece(s.Eot));
    }

    [Theory]
    [InlineData("public class Foo { }")]
    [InlineData("var x = \"héllo wörld ✓ 😀\";\r\n\treturn x;")]
    [InlineData("  indented\n\n\nblank lines")]
    public void Tokenize_then_detokenize_gives_the_text_back(string text)
    {
        var tokens = Model.Tokenize(text);
        Assert.NotEmpty(tokens);
        // The tokenizer prepends a space to the first fragment (its first piece starts with ▁); detokenizing removes it.
        Assert.StartsWith("\u2581", System.Text.Encoding.UTF8.GetString(Model.TokenPiece(tokens[0])).Replace(" ", "\u2581"));
        Assert.Equal(text, Model.Detokenize(tokens));
    }

    [Fact]
    public void Adding_special_tokens_prepends_bos()
    {
        var tokens = Model.Tokenize("x", addSpecial: true);
        Assert.Equal(Model.Info.Special.Bos, tokens[0]);
        Assert.NotEqual(Model.Info.Special.Bos, Model.Tokenize("x")[0]);
    }

    [Fact]
    public void Special_token_text_in_a_document_stays_text()
    {
        var s = Model.Info.Special;
        var tokens = Model.Tokenize("if (a <PRE> b) <SUF> <MID> <EOT>");
        Assert.DoesNotContain(s.FimPrefix, tokens);
        Assert.DoesNotContain(s.FimSuffix, tokens);
        Assert.DoesNotContain(s.FimMiddle, tokens);
        Assert.DoesNotContain(s.Eot, tokens);
    }

    [Fact]
    public void Special_tokens_render_only_when_asked()
    {
        var s = Model.Info.Special;
        Assert.Equal("", Model.Detokenize([s.FimPrefix]));
        Assert.Equal("\u2581<PRE>", Model.Detokenize([s.FimPrefix], renderSpecial: true));
    }

    [Fact]
    public void An_out_of_vocabulary_id_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.TokenPiece(new Token(Model.Info.VocabularySize)));

    private string Piece(Token t) => System.Text.Encoding.UTF8.GetString(Model.TokenPiece(t, renderSpecial: true));
}
