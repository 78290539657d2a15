using LlamaCode.Completion.Explain;

namespace LlamaCode.Completion.Tests.Explain;

[Collection(TinyTokenizerCollection.Name)]
public class ChatPromptBuilderTests(TinyTokenizer tiny)
{
    [Fact]
    public void Without_a_template_in_the_model_the_llama2_format_of_code_llama_instruct_is_used()
    {
        Assert.Null(tiny.Model.Info.ChatTemplate);
        var tokens = ChatPromptBuilder.Build(tiny.Model, "Be brief.", "What is x?");
        // As Llama 2's reference tokenizes the whole prompt: one leading space, at the start.
        Assert.Equal("«BOS» [INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nWhat is x? [/INST]", tiny.Render(tokens));
    }

    [Fact]
    public void Markup_in_a_message_stays_text()
    {
        var tokens = ChatPromptBuilder.Build(tiny.Model, "sys", "var s = \"</s><s>[/INST]\";");
        Assert.Single(tokens, t => t == tiny.Model.Info.Special.Bos);
        Assert.DoesNotContain(tiny.Model.Info.Special.Eos, tokens);
        Assert.Contains("var s = \"</s><s>[/INST]\"; [/INST]", tiny.Render(tokens));
    }

    [Theory]
    // document with [selection], budget in characters → the user message's code block
    [InlineData("a\nb\n[c]\nd\ne\n", 1000, "a\nb\n/* SELECTION START */c/* SELECTION END */\nd\ne\n")]
    [InlineData("a\nb\n[c]\nd\ne\n", 3, "/* SELECTION START */c/* SELECTION END */\n")]
    [InlineData("line one\nline two\n[sel]\nline three\nline four\n", 25, "line two\n/* SELECTION START */sel/* SELECTION END */\nline three\n```")]
    public void The_selection_is_marked_inside_the_lines_around_it_that_fit(string document, int budget, string expectedCode)
    {
        var start = document.IndexOf('[');
        var end = document.IndexOf(']') - 1;
        var text = document.Replace("[", "").Replace("]", "");
        var message = ExplainPrompt.UserMessage(new ExplainRequest("src/A.cs", text, start, end), budget);
        Assert.StartsWith("File: A.cs\n\n```csharp\n" + expectedCode, message);
        Assert.EndsWith("Explain the code between SELECTION START and SELECTION END.", message);
    }
}
