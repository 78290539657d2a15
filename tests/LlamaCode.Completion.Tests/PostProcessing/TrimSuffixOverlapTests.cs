using LlamaCode.Completion.PostProcessing;

namespace LlamaCode.Completion.Tests.PostProcessing;

public sealed class TrimSuffixOverlapTests
{
    [Theory]
    [InlineData("Console.WriteLine($0);", "\"hi\");", "\"hi\"")]
    [InlineData("Console.WriteLine($0);", "\"hi\")", "\"hi\"")]
    [InlineData("var a = $0;", "Foo();", "Foo()")]
    [InlineData("if (x$0) {", " > 0) {", " > 0")]
    [InlineData("var a = M($0);", "Foo(1));  ", "Foo(1)")]
    // The completion's own closing bracket is not a repeat of the document's.
    [InlineData("Bar($0)", "Foo(a)", "Foo(a)")]
    [InlineData("Bar($0)", "a, Foo(b)", "a, Foo(b)")]
    // Nothing after the cursor, or no overlap: unchanged.
    [InlineData("var a = $0\nnext();", "1;", "1;")]
    [InlineData("var a = $0;", "1 + 2", "1 + 2")]
    // A quote closing the cursor's string literal, then the call's bracket.
    [InlineData("Log(\"$0\");", "hello\");", "hello")]
    public void Drops_the_end_that_the_rest_of_the_line_already_has(string fixture, string completion, string expected) =>
        Assert.Equal(expected, RuleTable.Apply(new TrimSuffixOverlap(), fixture, completion));
}
