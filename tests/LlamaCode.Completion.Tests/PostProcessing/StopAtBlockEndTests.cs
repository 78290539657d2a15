using LlamaCode.Completion.PostProcessing;

namespace LlamaCode.Completion.Tests.PostProcessing;

public class StopAtBlockEndTests
{
    [Theory]
    [InlineData("return total;\n    }\n\n    public void Next() { }", "return total;")]
    [InlineData("if (x) { y(); }\n        z();\n    }\n}", "if (x) { y(); }\n        z();")]        // inner blocks balance
    [InlineData("Log(\"}\");\n    }", "Log(\"}\");")]                                             // a brace in a string
    [InlineData("var c = '}';\n}", "var c = '}';")]                                                // in a char
    [InlineData("x(); // }\n    y();\n  }", "x(); // }\n    y();")]                               // in a line comment
    [InlineData("x(); /* } */ y();\n}", "x(); /* } */ y();")]                                     // in a block comment
    [InlineData("var p = @\"a\"\"}\";\n}", "var p = @\"a\"\"}\";")]                                 // in a verbatim string
    [InlineData("Count();", "Count();")]                                                           // nothing to cut
    [InlineData("}", "")]                                                                          // closes at once
    public void Cuts_where_the_completion_leaves_the_cursor_block(string completion, string expected) =>
        Assert.Equal(expected, StopAtBlockEnd.Apply(completion));
}
