using LlamaCode.Completion.Documents;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.Tests.Documents;

public class SingleEditTests
{
    [Theory]
    [InlineData("abc", "abc", 3, 0, "")]        // no edit: an empty change at the end
    [InlineData("abc", "abXc", 2, 0, "X")]      // an insertion
    [InlineData("abc", "ac", 1, 1, "")]         // a deletion
    [InlineData("abcd", "aXYd", 1, 2, "XY")]    // a replacement
    [InlineData("aa", "aaa", 2, 0, "a")]        // a repeated character: the common start is taken first
    [InlineData("", "x", 0, 0, "x")]
    [InlineData("x", "", 0, 1, "")]
    [InlineData("var a = 1;\n", "var a = 1;\nvar b", 11, 0, "var b")] // typing at the end
    public void The_edit_is_what_lies_between_the_common_start_and_end(string before, string after, int start, int length, string newText)
    {
        var change = SingleEdit.Between(before, after);
        Assert.Equal(new TextSpan(start, length), change.Span);
        Assert.Equal(newText, change.NewText);
        Assert.Equal(after, before.Remove(start, length).Insert(start, newText));
    }

    [Fact]
    public void An_applied_edit_gives_roslyn_the_changed_range_only()
    {
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => $"class C{i} {{ int M() => {i}; }}\n"));
        var before = SourceText.From(lines);
        var after = lines.Replace("int M() => 1000;", "int M() => 1000 + x;");

        var text = SingleEdit.Apply(before, after);

        Assert.Equal(after, text.ToString());
        var range = Assert.Single(text.GetChangeRanges(before));
        Assert.True(range.Span.Length < 10, $"changed range {range.Span}");
        Assert.Same(before, SingleEdit.Apply(before, lines));
        // The incremental parse is the same tree as a full one.
        var tree = CSharpSyntaxTree.ParseText(before).WithChangedText(text);
        Assert.True(tree.GetRoot().IsEquivalentTo(CSharpSyntaxTree.ParseText(after).GetRoot()));
    }
}
