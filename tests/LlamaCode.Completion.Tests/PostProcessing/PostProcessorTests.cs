using LlamaCode.Completion.PostProcessing;
using LlamaCode.Completion.Tests.Support;

namespace LlamaCode.Completion.Tests.PostProcessing;

/// <summary>The default pipeline: a document with "$0", what the model generated, what gets inserted.</summary>
public sealed class PostProcessorTests
{
    [Theory]
    [InlineData("Console.WriteLine($0);\n", "\"Hello\");\nConsole.WriteLine(\"again\");\n", "\"Hello\"")]
    [InlineData("class A\n{\n    void F()\n    {\n        $0\n    }\n}\n",
        "var x = 1;\n        return;  \n    }\n\n    void G() { }\n", "var x = 1;\n        return;")]
    [InlineData("var total = $0;\nreturn total;", "a + b;", "a + b")]
    [InlineData("a();\n$0\nb();\n", "b();\n", "")]
    [InlineData("a();\n$0\nb();\n", "  \n\n", "")]
    [InlineData("int Add(int a, int b) => $0", "a + b;\n", "a + b;")]
    // C#: the line that adds a syntax error goes, with what follows it.
    [InlineData("class A\n{\n    void F()\n    {\n        $0\n    }\n}\n", "Log(1);\n        Log(2));\n        Log(3);\n", "Log(1);")]
    public void Default_rules(string fixture, string generated, string expected)
    {
        var (prefix, suffix) = Cursor.Split(fixture);

        var inserted = PostProcessor.Apply(PostProcessor.DefaultRules(), generated, new CursorContext(prefix, suffix, "src/A.cs"));

        Assert.Equal(expected, inserted);
    }

    [Fact]
    public void Stopping_at_the_block_end_can_be_switched_off()
    {
        var context = new CursorContext("void F()\n{\n    ", "\n", "src/A.cs");

        Assert.Equal("x();\n}\nvoid G() { }", PostProcessor.Apply(PostProcessor.DefaultRules(stopAtBlockEnd: false), "x();\n}\nvoid G() { }", context));
        Assert.Equal("x();\n}", PostProcessor.Apply(PostProcessor.DefaultRules(), "x();\n}\nvoid G() { }", context));
    }
}
