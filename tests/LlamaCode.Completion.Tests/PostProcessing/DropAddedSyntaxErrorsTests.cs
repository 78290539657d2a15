using LlamaCode.Completion.PostProcessing;

namespace LlamaCode.Completion.Tests.PostProcessing;

public sealed class DropAddedSyntaxErrorsTests
{
    private const string MethodBody = "class A\n{\n    void F(int x)\n    {\n        $0\n    }\n}\n";

    [Theory]
    // A completion that closes the method the cursor is in (the document lacks its brace) adds no error.
    [InlineData("class A\n{\n    int F(int x)\n    {\n        $0\n}\n", "return x * 2;\n    }", "return x * 2;\n    }")]
    // Finishing an unfinished statement removes errors; it adds none.
    [InlineData("class A\n{\n    void F()\n    {\n        var x = Foo($0\n    }\n}\n", "1, 2);", "1, 2);")]
    // The document is already broken at the cursor (an initializer is missing): a good start of it is kept.
    [InlineData("class A\n{\n    void F()\n    {\n        var x = $0\n    }\n}\n", "Foo(1)", "Foo(1)")]
    // An unbalanced brace, or a stray ")", on a later line: the lines before it stay.
    [InlineData(MethodBody, "Log(x);\n        x++;\n        {", "Log(x);\n        x++;")]
    [InlineData(MethodBody, "Log(x);\n        Log(x));\n        x++;", "Log(x);")]
    // One line with a stray ")": cut at the last token that adds no error.
    [InlineData("class A\n{\n    void F()\n    {\n        Foo($0);\n    }\n}\n", "a, b)", "a, b")]
    // Nothing of it fits: dropped.
    [InlineData(MethodBody, ")) ]", "")]
    [InlineData(MethodBody, "}\n    }\n}\n}", "")]
    public void Keeps_the_longest_start_that_adds_no_syntax_error(string fixture, string completion, string expected)
    {
        Assert.Equal(expected, RuleTable.Apply(new DropAddedSyntaxErrors(), fixture, completion));
        // The same when the document was parsed before the completion came (while the model generated).
        Assert.Equal(expected, RuleTable.Apply(new DropAddedSyntaxErrors(), fixture, completion, prepared: true));
    }

    [Theory]
    // Cut off by the token limit inside a block: its whole lines stay, as if the block were closed.
    [InlineData(MethodBody, "if (x > 0)\n        {\n            Log(x);\n            Log(", true, "if (x > 0)\n        {\n            Log(x);")]
    // ... two blocks deep.
    [InlineData(MethodBody, "for (;;)\n        {\n            if (x > 0)\n            {\n                Log(x);\n                Lo", true,
        "for (;;)\n        {\n            if (x > 0)\n            {\n                Log(x);")]
    // The same completions when the model ended them itself: an unclosed block is an error, cut as usual.
    [InlineData(MethodBody, "if (x > 0)\n        {\n            Log(x);\n            Log(", false, "")]
    // Truncated but wrong even with its brackets closed: cut as usual.
    [InlineData(MethodBody, "Log(x));\n        Log(", true, "")]
    public void A_completion_cut_off_by_the_token_limit_is_judged_with_its_brackets_closed(string fixture, string completion, bool truncated, string expected)
    {
        Assert.Equal(expected, RuleTable.Apply(new DropAddedSyntaxErrors(), fixture, completion, truncated: truncated));
        Assert.Equal(expected, RuleTable.Apply(new DropAddedSyntaxErrors(), fixture, completion, truncated: truncated, prepared: true));
    }

    [Theory]
    // Noise, as a model with random weights writes it: the first error is near its start, so the long starts are not parsed.
    [InlineData(MethodBody, "Log(x); )] foo bar baz qux quux corge )) (( ]]", "Log(x);", 3)]
    // A stray ")" at the end: every start before it is a candidate, the longest fits at once.
    [InlineData("class A\n{\n    void F()\n    {\n        Foo($0);\n    }\n}\n", "a, b, c, d, e, f, g)", "a, b, c, d, e, f, g", 2)]
    public void The_cut_costs_few_parses_when_the_first_error_comes_early(string fixture, string completion, string expected, int maxParses)
    {
        var (prefix, suffix) = LlamaCode.Completion.Tests.Support.Cursor.Split(fixture);
        var context = new CursorContext(prefix, suffix, "Noise.cs");
        var check = CSharpSyntaxCheck.Of(context);
        var result = new DropAddedSyntaxErrors().Apply(completion, context with { PreparedSyntaxCheck = Task.FromResult(check) });
        Assert.Equal(expected, result);
        Assert.InRange(check.SpeculativeParses, 1, maxParses);
    }

    [Theory]
    [InlineData(SpeculativeParse.Incremental)]
    [InlineData(SpeculativeParse.Full)]
    public void Both_ways_of_parsing_judge_alike(SpeculativeParse parse) =>
        Assert.Equal("Log(x);", RuleTable.Apply(new DropAddedSyntaxErrors(parse), MethodBody, "Log(x);\n        Log(x));"));

    [Fact]
    public void A_document_edited_keystroke_by_keystroke_is_judged_as_a_full_parse_judges_it()
    {
        // The check reparses each document from its previous version (typing, deleting, pasting, undoing a paste);
        // every version must count the errors a completion adds exactly as a parse from scratch does.
        var path = $"Typed{Guid.NewGuid():N}.cs";
        const string Typed = "var total = items.Where(i => i.IsActive).Sum(i => i.Price);";
        var versions = new List<(string Prefix, string Suffix)>();
        for (int k = 0; k <= Typed.Length; k++) versions.Add(("class A\n{\n    void F()\n    {\n        " + Typed[..k], "\n    }\n}\n"));
        versions.Add(("class A\n{\n    void F()\n    {\n        var t", "\n    }\n}\n"));
        versions.Add(("class A\n{\n    void F()\n    {\n        var t" + "\n    }\n    void G() { }\n    void H(", "\n    }\n}\n"));
        versions.Add(("class A\n{\n    void F()\n    {\n        var t", "\n    }\n}\n"));
        foreach (var (prefix, suffix) in versions)
            foreach (var completion in new[] { ";", " = 1;", "))", "\n    }\n}\n}" })
                Assert.Equal(
                    CSharpSyntaxCheck.Of(new CursorContext(prefix, suffix, path), SpeculativeParse.Full).AddedErrors(completion),
                    CSharpSyntaxCheck.Of(new CursorContext(prefix, suffix, path), fromPreviousVersion: true).AddedErrors(completion));
    }

    [Theory]
    [InlineData("tool.py")]
    [InlineData("app.ts")]
    public void Leaves_other_languages_alone(string path)
    {
        Assert.Equal("x = ((\n}", RuleTable.Apply(new DropAddedSyntaxErrors(), "def f():\n    $0\n", "x = ((\n}", path, prepared: true));
        Assert.Null(CSharpSyntaxCheck.Prepare(new CursorContext("def f():\n    ", "\n", path)));
    }
}
