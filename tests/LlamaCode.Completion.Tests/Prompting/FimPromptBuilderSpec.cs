using LlamaCode.Completion.Prompting;
using LlamaCode.Completion.Tests.Support;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Prompting;

/// <summary>
/// What a FIM prompt looks like for a document and cursor, stated in text (special tokens by name), so that the same
/// table holds for any SentencePiece tokenizer with a space prefix: the test tokenizer here and, later, the real
/// model tokenizer (derive a class that returns it from <see cref="CreateTokenizer"/>).
/// </summary>
public abstract class FimPromptBuilderSpec
{
    protected abstract ITokenizer CreateTokenizer();

    private static readonly TokenBudget Roomy = new(4096);

    [Theory]
    // The prefix keeps the space prefix of Code Llama's encode(pre); the suffix starts exactly at the cursor.
    [InlineData("int x = $0;\n}", FimLayout.Psm, "<s><PRE> int x = <SUF>;\n}<MID>")]
    [InlineData("int x = $0;\n}", FimLayout.Spm, "<s><PRE><SUF>;\n}<MID> int x = ")]
    [InlineData("if (ok)\n    $0return x;", FimLayout.Psm, "<s><PRE> if (ok)\n    <SUF>return x;<MID>")]
    [InlineData("if (ok)\n    $0return x;", FimLayout.Spm, "<s><PRE><SUF>return x;<MID> if (ok)\n    ")]
    [InlineData("$0 leading space", FimLayout.Psm, "<s><PRE><SUF> leading space<MID>")]
    [InlineData("$0", FimLayout.Psm, "<s><PRE><SUF><MID>")]
    [InlineData("$0", FimLayout.Spm, "<s><PRE><SUF><MID>")]
    [InlineData("end\n$0", FimLayout.Spm, "<s><PRE><SUF><MID> end\n")]
    [InlineData("var s = \"<PRE> and <MID>$0<EOT>\";", FimLayout.Psm, "<s><PRE> var s = \"<PRE> and <MID><SUF><EOT>\";<MID>")]
    [InlineData("naïve = \"日本\"$0; // ü", FimLayout.Psm, "<s><PRE> naïve = \"日本\"<SUF>; // ü<MID>")]
    public void Prompt_for_a_document_and_cursor(string fixture, FimLayout layout, string expected)
    {
        var tokenizer = CreateTokenizer();
        var (prefix, suffix) = Cursor.Split(fixture);

        var prompt = FimPromptBuilder.Build(tokenizer, layout, prefix, suffix, Roomy);

        Assert.Equal(expected, PromptRendering.Text(tokenizer, prompt.Tokens));
        Assert.Equal(prefix, prompt.Prefix);
        Assert.Equal(suffix, prompt.Suffix);
    }

    [Theory]
    [InlineData(FimLayout.Psm)]
    [InlineData(FimLayout.Spm)]
    public void Document_text_that_looks_like_special_tokens_stays_text(FimLayout layout)
    {
        var tokenizer = CreateTokenizer();
        var special = tokenizer.Info.Special;

        var prompt = FimPromptBuilder.Build(tokenizer, layout, "a <PRE> b <SUF> c ", " <MID> d <EOT> <s>", Roomy);

        Assert.Equal(1, prompt.Tokens.Count(t => t == special.FimPrefix));
        Assert.Equal(1, prompt.Tokens.Count(t => t == special.FimSuffix));
        Assert.Equal(1, prompt.Tokens.Count(t => t == special.FimMiddle));
        Assert.DoesNotContain(special.Eot, prompt.Tokens);
        Assert.Equal(tokenizer.Info.AddsBos ? 1 : 0, prompt.Tokens.Count(t => t == special.Bos));
    }

    [Theory]
    [InlineData(FimLayout.Psm)]
    [InlineData(FimLayout.Spm)]
    public void Counts_and_prefix_tokens_describe_the_prompt(FimLayout layout)
    {
        var tokenizer = CreateTokenizer();
        var prompt = FimPromptBuilder.Build(tokenizer, layout, "class Foo\n{\n    int Bar", "()\n}\n", Roomy,
            [new ContextBlock("src/Baz.cs", "class Baz { }", 1)]);

        int fixedTokens = (tokenizer.Info.AddsBos ? 1 : 0) + 3;
        Assert.Equal(prompt.Tokens.Length, fixedTokens + prompt.PrefixTokenCount + prompt.SuffixTokenCount + prompt.ContextTokenCount);
        Assert.Equal("class Foo\n{\n    int Bar", Spell(tokenizer, prompt.PrefixTokens));
        if (layout == FimLayout.Spm) Assert.Equal(prompt.Tokens.Length, prompt.PrefixTokenOffset + prompt.PrefixTokenCount);
    }

    [Fact]
    public void Generation_stops_at_end_of_infill_and_end_of_sequence()
    {
        var tokenizer = CreateTokenizer();
        var prompt = FimPromptBuilder.Build(tokenizer, FimLayout.Psm, "a", "b", Roomy);

        Assert.True(prompt.IsStop(tokenizer.Info.Special.Eot));
        Assert.True(prompt.IsStop(tokenizer.Info.Special.Eos));
        Assert.False(prompt.IsStop(tokenizer.Tokenize("a")[^1]));
    }

    [Theory]
    // Budgets are given as "the tokens of the text that must be kept", so the table is tokenizer-independent.
    [InlineData("line 1\nline 2\nline 3\n    x = $0\nafter", "line 2\nline 3\n    x = ", FimLayout.Psm)]
    [InlineData("line 1\nline 2\nline 3\n    x = $0\nafter", "    x = ", FimLayout.Spm)]
    [InlineData("line 1\nline 2\n$0", "line 2\n", FimLayout.Psm)]
    public void The_prefix_keeps_whole_lines_nearest_the_cursor(string fixture, string kept, FimLayout layout)
    {
        var tokenizer = CreateTokenizer();
        var (prefix, suffix) = Cursor.Split(fixture);
        int limit = new PromptTextEncoder(tokenizer).EncodeAtStart(kept).Length;

        var prompt = FimPromptBuilder.Build(tokenizer, layout, prefix, suffix, Roomy with { MaxPrefixTokens = limit });

        Assert.Equal(kept, prompt.Prefix);
        Assert.True(prompt.PrefixTokenCount <= limit);
        Assert.Equal(suffix, prompt.Suffix);
    }

    [Theory]
    [InlineData("a\nint a = b + c + d + e + f + g + h$0;", "c + d + e + f + g + h", FimLayout.Psm)]
    [InlineData("a\nint a = b + c + d + e + f + g + h$0;", "f + g + h", FimLayout.Spm)]
    public void A_cursor_line_longer_than_the_budget_is_cut_at_a_token_boundary_keeping_its_end(string fixture, string kept, FimLayout layout)
    {
        var tokenizer = CreateTokenizer();
        var (prefix, suffix) = Cursor.Split(fixture);
        int limit = new PromptTextEncoder(tokenizer).EncodeAtStart(kept).Length;

        var prompt = FimPromptBuilder.Build(tokenizer, layout, prefix, suffix, Roomy with { MaxPrefixTokens = limit });

        // Where exactly the cut falls depends on the vocabulary (a space before the kept text may cost a token of its
        // own): it keeps an end of the line, about as long as the text the limit was measured on.
        Assert.EndsWith(prompt.Prefix, "int a = b + c + d + e + f + g + h");
        Assert.True(prompt.Prefix.Length >= kept.Length / 2, $"kept only '{prompt.Prefix}'");
        Assert.InRange(prompt.PrefixTokenCount, 1, limit);
    }

    [Theory]
    [InlineData("x = $0y;\nline 2\nline 3\n", "y;\nline 2\n")]
    [InlineData("x = $0y;\nline 2\nline 3\n", "y;\n")]
    [InlineData("x = $0Foo(a, b, c, d, e, f);\nline 2\n", "Foo(a, b, c, ")]
    public void The_suffix_keeps_whole_lines_nearest_the_cursor(string fixture, string kept)
    {
        var tokenizer = CreateTokenizer();
        var (prefix, suffix) = Cursor.Split(fixture);
        int limit = new PromptTextEncoder(tokenizer).EncodeContinuation(kept).Length;

        var prompt = FimPromptBuilder.Build(tokenizer, FimLayout.Psm, prefix, suffix, Roomy with { MaxSuffixTokens = limit });

        // Whole lines are kept exactly; inside the cursor line, where the cut falls depends on the vocabulary
        // (it may fit a little more than the text the limit was measured on).
        if (kept.EndsWith('\n')) Assert.Equal(kept, prompt.Suffix);
        else Assert.StartsWith(kept, prompt.Suffix);
        Assert.StartsWith(prompt.Suffix, suffix);
        Assert.InRange(prompt.SuffixTokenCount, 1, limit);
        Assert.Equal(prefix, prompt.Prefix);
    }

    [Theory]
    [InlineData(FimLayout.Psm, "src/App.cs",
        "<s><PRE> // Path: src/Stable.cs\nclass Stable { }\n// Path: src/Moving.cs\nclass Moving { }\nvar a = <SUF>;<MID>")]
    [InlineData(FimLayout.Spm, "src/App.cs",
        "<s><PRE><SUF>;<MID> // Path: src/Stable.cs\nclass Stable { }\n// Path: src/Moving.cs\nclass Moving { }\nvar a = ")]
    [InlineData(FimLayout.Psm, "tools/run.py",
        "<s><PRE> # Path: src/Stable.cs\nclass Stable { }\n# Path: src/Moving.cs\nclass Moving { }\nvar a = <SUF>;<MID>")]
    [InlineData(FimLayout.Psm, "db/schema.sql",
        "<s><PRE> -- Path: src/Stable.cs\nclass Stable { }\n-- Path: src/Moving.cs\nclass Moving { }\nvar a = <SUF>;<MID>")]
    public void Context_blocks_come_before_the_prefix_most_stable_first_in_the_documents_comment_syntax(
        FimLayout layout, string documentPath, string expected)
    {
        var tokenizer = CreateTokenizer();
        ContextBlock[] byRelevance = [new("src/Moving.cs", "class Moving { }", 0.1), new("src/Stable.cs", "class Stable { }\n", 0.9)];

        var prompt = FimPromptBuilder.Build(tokenizer, layout, "var a = ", ";", Roomy, byRelevance, documentPath);

        Assert.Equal(expected, PromptRendering.Text(tokenizer, prompt.Tokens));
        Assert.Equal(["src/Stable.cs", "src/Moving.cs"], prompt.Context.Select(c => c.Path));
    }

    [Fact]
    public void Context_that_does_not_fit_is_left_out_in_order_of_relevance_and_its_share_goes_to_the_prefix()
    {
        var tokenizer = CreateTokenizer();
        var encoder = new PromptTextEncoder(tokenizer);
        ContextBlock relevant = new("a.cs", "int A;", 0), big = new("b.cs", string.Join('\n', Enumerable.Repeat("int BBBBBB;", 20)), 1);
        int relevantTokens = encoder.EncodeAtStart(relevant.Render(CommentSyntax.Slashes)).Length;
        var prefix = string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i}\n"));
        var budget = new TokenBudget(4096) { MaxContextTokens = relevantTokens + 5 };

        var prompt = FimPromptBuilder.Build(tokenizer, FimLayout.Psm, prefix, "", budget, [relevant, big]);

        Assert.Equal([relevant], prompt.Context);
        Assert.Equal(relevantTokens, prompt.ContextTokenCount);
        Assert.Equal(prefix, prompt.Prefix);
    }

    [Theory]
    [InlineData(64, 0.5, 0.2, 0.3)]
    [InlineData(200, 0.5, 0.2, 0.3)]
    [InlineData(120, 1, 0, 0)]
    [InlineData(300, 0.3, 0.3, 0.4)]
    public void The_prompt_never_exceeds_the_budget(int promptTokens, double prefixShare, double suffixShare, double contextShare)
    {
        var tokenizer = CreateTokenizer();
        var prefix = string.Concat(Enumerable.Range(0, 100).Select(i => $"    int x{i} = Foo(y, {i});\n")) + "    return ";
        var suffix = string.Concat(Enumerable.Range(0, 100).Select(i => $";\n    Bar({i});"));
        ContextBlock[] context = [.. Enumerable.Range(0, 10).Select(i => new ContextBlock($"f{i}.cs", $"class C{i} {{ int P{i}; }}", i))];

        foreach (var layout in new[] { FimLayout.Psm, FimLayout.Spm })
        {
            var prompt = FimPromptBuilder.Build(tokenizer, layout, prefix, suffix,
                new TokenBudget(promptTokens, prefixShare, suffixShare, contextShare), context);

            Assert.True(prompt.Tokens.Length <= promptTokens, $"{layout}: {prompt.Tokens.Length} > {promptTokens}");
            Assert.EndsWith(prompt.Prefix, prefix);
            Assert.StartsWith(prompt.Suffix, suffix);
            Assert.EndsWith("    return ", prompt.Prefix);
            Assert.Equal(suffixShare > 0, prompt.Suffix.Length > 0);
        }
    }

    [Fact]
    public void A_model_without_fim_tokens_is_refused_clearly()
    {
        var model = new NoFimTokenizer(CreateTokenizer());

        var error = Assert.Throws<ModelLacksFimException>(() => FimPromptBuilder.Build(model, FimLayout.Psm, "a", "b", Roomy));
        Assert.Contains("fill-in-the-middle", error.Message);
    }

    private static string Spell(ITokenizer tokenizer, ReadOnlySpan<Token> tokens) =>
        new PromptTextEncoder(tokenizer).Spell(tokens).TrimStart(' ');

    /// <summary>Any tokenizer, with its FIM tokens hidden.</summary>
    private sealed class NoFimTokenizer(ITokenizer inner) : ITokenizer
    {
        public ModelInfo Info { get; } = inner.Info with
        {
            Special = inner.Info.Special with { FimPrefix = Token.None, FimSuffix = Token.None, FimMiddle = Token.None },
        };
        public Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false) => inner.Tokenize(text, addSpecial, parseSpecial);
        public byte[] TokenPiece(Token token, bool renderSpecial = false) => inner.TokenPiece(token, renderSpecial);
        public string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false) => inner.Detokenize(tokens, renderSpecial);
    }
}

/// <summary>The spec with the SentencePiece stand-in tokenizer.</summary>
public sealed class FimPromptBuilderWithTestTokenizer : FimPromptBuilderSpec
{
    protected override ITokenizer CreateTokenizer() => new SentencePieceTestTokenizer();
}
