using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests.Prompting;

/// <summary>The shared specification of <see cref="FimPromptBuilderSpec"/>, run against the real llama.cpp tokenizer of the tiny model.</summary>
[Collection(TinyTokenizerCollection.Name)]
public sealed class FimPromptBuilderSpecOnTheRealTokenizer(TinyTokenizer tiny) : FimPromptBuilderSpec
{
    protected override ITokenizer CreateTokenizer() => tiny.Model;
}

/// <summary>Given a document with the cursor at $0 and a layout, this prompt (with the real tokenizer of the tiny model).</summary>
[Collection(TinyTokenizerCollection.Name)]
public class FimPromptBuilderTests(TinyTokenizer tiny)
{
    [Theory]
    [InlineData(FimLayout.Psm, "int x = $0;", "«BOS»«PRE» int x = «SUF»;«MID»")]
    [InlineData(FimLayout.Spm, "int x = $0;", "«BOS»«PRE»«SUF»;«MID» int x = ")]
    // The suffix continues text: no space is added before it, and its own leading space is kept.
    [InlineData(FimLayout.Psm, "a$0 b", "«BOS»«PRE» a«SUF» b«MID»")]
    [InlineData(FimLayout.Psm, "return$0\n}\n", "«BOS»«PRE» return«SUF»\n}\n«MID»")]
    [InlineData(FimLayout.Psm, "abc$0", "«BOS»«PRE» abc«SUF»«MID»")]
    [InlineData(FimLayout.Psm, "$0abc", "«BOS»«PRE»«SUF»abc«MID»")]
    [InlineData(FimLayout.Spm, "$0abc", "«BOS»«PRE»«SUF»abc«MID»")]
    // Special-token text in a document stays text.
    [InlineData(FimLayout.Psm, "s = \"<PRE>\";$0 // <SUF> <MID> <EOT>", "«BOS»«PRE» s = \"<PRE>\";«SUF» // <SUF> <MID> <EOT>«MID»")]
    [InlineData(FimLayout.Spm, "  if (a)\r\n    $0\r\n", "«BOS»«PRE»«SUF»\r\n«MID»   if (a)\r\n    ")]
    public void Builds_the_code_llama_prompt(FimLayout layout, string document, string expected)
    {
        var (prefix, suffix) = Split(document);
        var prompt = FimPromptBuilder.Build(tiny.Model, layout, prefix, suffix, new TokenBudget(1000));
        Assert.Equal(expected, tiny.Render(prompt.Tokens));
        Assert.Equal(prompt.Tokens.Length, prompt.PrefixTokenCount + prompt.SuffixTokenCount + 4);
        Assert.Equal((prefix, suffix), (prompt.Prefix, prompt.Suffix));
    }

    [Fact]
    public void Generation_stops_at_end_of_turn()
    {
        var prompt = FimPromptBuilder.Build(tiny.Model, FimLayout.Psm, "a", "b", new TokenBudget(100));
        Assert.Contains(tiny.Model.Info.Special.Eot, prompt.StopTokens);
    }

    [Theory]
    [InlineData(FimLayout.Psm)]
    [InlineData(FimLayout.Spm)]
    public void A_long_document_is_cut_at_line_boundaries_keeping_the_lines_nearest_the_cursor(FimLayout layout)
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"    total += Compute(item{i}, {i});").ToArray();
        var document = string.Join('\n', lines[..200]) + "\n    $0\n" + string.Join('\n', lines[200..]) + "\n";
        var (prefix, suffix) = Split(document);

        var prompt = FimPromptBuilder.Build(tiny.Model, layout, prefix, suffix, new TokenBudget(600));

        Assert.True(prompt.Tokens.Length <= 600, $"{prompt.Tokens.Length} tokens");
        Assert.True(prompt.Tokens.Length > 550, $"only {prompt.Tokens.Length} tokens: the budget is wasted");
        Assert.EndsWith(lines[199] + "\n    ", prompt.Prefix);          // the lines just before the cursor stay
        Assert.StartsWith("    total", prompt.Prefix);                     // cut at a line start
        Assert.StartsWith("\n" + lines[200], prompt.Suffix);               // the lines just after the cursor stay
        Assert.EndsWith(";\n", prompt.Suffix);                             // cut at a line end
        Assert.True(prompt.PrefixTokenCount > 2 * prompt.SuffixTokenCount, "the prefix gets the larger share");
    }

    [Fact]
    public void A_short_suffix_leaves_its_share_to_the_prefix()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"    total += Compute(item{i}, {i});");
        var prefix = string.Join('\n', lines) + "\n    ";
        var prompt = FimPromptBuilder.Build(tiny.Model, FimLayout.Psm, prefix, "\n}\n", new TokenBudget(600));
        Assert.InRange(prompt.Tokens.Length, 560, 600);
        Assert.Equal("\n}\n", prompt.Suffix);
    }

    [Fact]
    public void A_cursor_line_longer_than_the_budget_is_cut_next_to_the_cursor()
    {
        var prefix = "var s = \"" + string.Concat(Enumerable.Repeat("abcdefgh ", 400));
        var prompt = FimPromptBuilder.Build(tiny.Model, FimLayout.Psm, prefix, "\";", new TokenBudget(200));
        Assert.True(prompt.Tokens.Length <= 200);
        Assert.EndsWith("abcdefgh ", prompt.Prefix);
        Assert.True(prompt.PrefixTokenCount > 50);
    }

    [Fact]
    public void A_model_without_fim_tokens_is_refused_with_a_clear_error()
    {
        using var model = LlamaModel.Load(DevModels.GetOrCreate(DevModelFamily.NoFim, FimTokenIds.InMetadata));

        var error = Assert.Throws<ModelLacksFimException>(() => FimPromptBuilder.Build(model, FimLayout.Psm, "a", "b", new TokenBudget(100)));
        Assert.Contains("no fill-in-the-middle prefix, suffix or middle token", error.Message);
    }

    private static (string Prefix, string Suffix) Split(string document)
    {
        var at = document.IndexOf("$0", StringComparison.Ordinal);
        return (document[..at], document[(at + 2)..]);
    }
}
