using LlamaCode.Completion.PostProcessing;

namespace LlamaCode.Completion.Tests.PostProcessing;

public sealed class StopAtBlockEndTests
{
    [Theory]
    // The document closes the block: stop before its brace (and the brace's indentation).
    [InlineData("void F()\n{\n    $0\n}\n", "return 1;\n}\n\nvoid G() { }", "return 1;\n")]
    [InlineData("void F() { $0 }", "return 1; } void G() { }", "return 1; ")]
    // Inner blocks of the completion are balanced and stay.
    [InlineData("void F()\n{\n    $0\n}\n", "if (x)\n    {\n        y();\n    }\n}\nvoid G() { }", "if (x)\n    {\n        y();\n    }\n")]
    // Braces in strings, characters and comments do not count.
    [InlineData("void F()\n{\n    $0\n}\n", "var s = \"}\"; var c = '}'; // }\n    /* } */ return;\n}", "var s = \"}\"; var c = '}'; // }\n    /* } */ return;\n")]
    [InlineData("void F()\n{\n    var s = @\"a\n$0\n}\n", "}\"\"\";\n}", "}\"\"\";\n")]
    // A brace of the cursor's own string literal is text.
    [InlineData("void F()\n{\n    Log(\"$0\n}\n", "{ } }\");\n}", "{ } }\");\n")]
    // The block is still open in the document: keep the closing brace and the rest of its line, stop there.
    [InlineData("void F()\n{\n    $0", "return 1;\n};\nvoid G() { }", "return 1;\n};")]
    // No brace closing the cursor's block: unchanged.
    [InlineData("void F()\n{\n    $0\n}\n", "return 1;", "return 1;")]
    public void Stops_where_the_completion_closes_the_cursors_block(string fixture, string completion, string expected) =>
        Assert.Equal(expected, RuleTable.Apply(new StopAtBlockEnd(), fixture, completion));

    [Fact]
    public void Does_not_count_braces_in_languages_without_block_braces() =>
        Assert.Equal("x = {}\n}", RuleTable.Apply(new StopAtBlockEnd(), "def f():\n    $0\n}", "x = {}\n}", "tool.py"));
}
