namespace LlamaCode.Completion.Tests;

/// <summary>Shown: a suggestion at $0 of the first document; then the user's document and cursor ($0): what is left, if anything.</summary>
public class TypingThroughTests
{
    [Theory]
    [InlineData("int x = $0;", "Count()", "int x = C$0;", "ount()")]
    [InlineData("int x = $0;", "Count()", "int x = Count($0;", ")")]
    [InlineData("int x = $0;", "Count()", "int x = $0;", "Count()")]          // nothing typed yet
    [InlineData("int x = $0;", "Count()", "int x = Count()$0;", null)]         // all typed: nothing left to suggest
    [InlineData("int x = $0;", "Count()", "int x = D$0;", null)]               // typed something else
    [InlineData("int x = $0;", "Count()", "int y = C$0;", null)]               // the prefix changed
    [InlineData("int x = $0;", "Count()", "int x = C$0;\n", null)]             // the suffix changed
    [InlineData("int x = $0;", "Count()", "int x =$0;", null)]                 // moved back
    public void Serves_the_rest_of_a_suggestion_being_typed(string before, string suggestion, string now, string? expected)
    {
        var (text0, offset0) = Cursor(before);
        var (text1, offset1) = Cursor(now);
        var shown = new ShownSuggestion("a.cs", text0, offset0, suggestion);
        Assert.Equal(expected, TypingThrough.Remaining(shown, "a.cs", text1, offset1));
    }

    [Fact]
    public void Another_document_does_not_match() =>
        Assert.Null(TypingThrough.Remaining(new ShownSuggestion("a.cs", "x", 1, "yz"), "b.cs", "xy", 2));

    private static (string, int) Cursor(string s) => (s.Replace("$0", ""), s.IndexOf("$0", StringComparison.Ordinal));
}
