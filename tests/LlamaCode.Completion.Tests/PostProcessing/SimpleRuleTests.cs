using LlamaCode.Completion.PostProcessing;

namespace LlamaCode.Completion.Tests.PostProcessing;

public sealed class SingleLineWhenMidLineTests
{
    [Theory]
    [InlineData("Foo($0);", "a, b\n    c", "a, b")]
    [InlineData("Foo($0);", "a\r\nb", "a")]
    [InlineData("void F()\n{\n    $0\n}", "a();\nb();", "a();\nb();")]  // nothing after the cursor on its line
    [InlineData("x = 1;$0   \n", "\ny = 2;", "\ny = 2;")]               // only whitespace after it
    public void Keeps_only_the_first_line_when_code_follows_the_cursor(string fixture, string completion, string expected) =>
        Assert.Equal(expected, RuleTable.Apply(new SingleLineWhenMidLine(), fixture, completion));
}

public sealed class TrimTrailingWhitespaceTests
{
    [Theory]
    [InlineData("return x;  \n\n", "return x;")]
    [InlineData("a(); \t\r\n    b();   \n    ", "a();\n    b();")]
    [InlineData("    indented", "    indented")]
    public void Trims_line_ends_and_trailing_blank_lines(string completion, string expected) =>
        Assert.Equal(expected, RuleTable.Apply(new TrimTrailingWhitespace(), "$0", completion));
}

public sealed class DropWhitespaceOnlyTests
{
    [Theory]
    [InlineData(" \n\t ", "")]
    [InlineData(" x ", " x ")]
    public void Drops_a_completion_of_only_whitespace(string completion, string expected) =>
        Assert.Equal(expected, RuleTable.Apply(new DropWhitespaceOnly(), "$0", completion));
}

public sealed class DropSuffixRepetitionTests
{
    [Theory]
    [InlineData("a();$0\n    b();\n    c();\n", "\n    b();", "")]
    [InlineData("a();$0\n    b();\n    c();\n", "\n    b();\n\n    c();", "")]
    [InlineData("a();$0\n    b();\n    c();\n", "\n    b();\n    d();", "\n    b();\n    d();")]
    [InlineData("a();$0\n    b();\n", "\n    x();", "\n    x();")]
    [InlineData("a();$0", "\n    b();", "\n    b();")]
    public void Drops_a_completion_that_repeats_the_following_lines(string fixture, string completion, string expected) =>
        Assert.Equal(expected, RuleTable.Apply(new DropSuffixRepetition(), fixture, completion));
}
