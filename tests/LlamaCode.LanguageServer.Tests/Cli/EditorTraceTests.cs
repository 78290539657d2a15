using LlamaCode.DevTools.Bench;

namespace LlamaCode.LanguageServer.Tests.Cli;

public class EditorTraceTests
{
    private const string File = """
        class C
        {
            int Add(int a, int b)
            {
                var s = a + b;
                return s;
            }
            void Log(string m)
            {
                Console.WriteLine(m);
                Flush();
            }
        }
        """;

    private static string Replay(string text, IEnumerable<EditorKeystroke> keys, out int cursor)
    {
        cursor = 0;
        foreach (var k in keys)
        {
            if (k.Edit is { } e) text = string.Concat(text.AsSpan(0, e.Offset), e.Text, text.AsSpan(e.Offset + e.Length));
            cursor = k.Cursor;
        }
        return text;
    }

    [Fact]
    public void Writes_a_new_method_after_each_site_copying_another_method_and_jumps_back_to_add_a_statement()
    {
        var keys = EditorTrace.Build(File, new EditorTraceOptions(Sites: 2, LineChars: 30, TypoRate: 0));
        var text = Replay(File, keys, out _);
        // The editor leaves the indentation on the blank line between the methods.
        Assert.Contains("        return s;\n    }\n    \n    void Log2(string m) {\n        Console.WriteLine(m);\n        Flush();\n    }\n", text);
        Assert.Contains("        Flush();\n    }\n    \n    int Add3(int a, int b) {\n        var s = a + b;\n        return s;\n    }\n", text);
        // Two jumps to start the methods, two back into them; an Enter between braces for each.
        Assert.Equal(4, keys.Count(k => k.Class == KeystrokeClass.Jump));
        Assert.Equal(2, keys.Count(k => k.Class == KeystrokeClass.EnterInBraces));
        Assert.All(keys.Where(k => k.Class == KeystrokeClass.Jump), k => Assert.Null(k.Edit));
    }

    [Fact]
    public void Enter_between_braces_indents_the_new_line_and_moves_the_closing_brace_down()
    {
        var keys = EditorTrace.Build(File, new EditorTraceOptions(Sites: 2, TypoRate: 0));
        var enter = keys.First(k => k.Class == KeystrokeClass.EnterInBraces);
        var before = Replay(File, keys.TakeWhile(k => k != enter), out var at);
        Assert.Equal("{}", before.Substring(at - 1, 2));
        var after = Replay(before, [enter], out var cursor);
        Assert.Equal("{\n        \n    }", after.Substring(at - 1, 16));
        Assert.Equal(at + 9, cursor);
    }

    [Fact]
    public void Typos_are_deleted_again_so_the_text_is_the_same()
    {
        var clean = Replay(File, EditorTrace.Build(File, new EditorTraceOptions(TypoRate: 0)), out _);
        var keys = EditorTrace.Build(File, new EditorTraceOptions(TypoRate: 0.3, Seed: 3));
        Assert.Contains(keys, k => k.Edit is { Length: 1, Text: "" });
        Assert.Equal(clean, Replay(File, keys, out _));
    }

    [Fact]
    public void A_file_without_two_methods_to_follow_is_refused() =>
        Assert.Throws<ArgumentException>(() => EditorTrace.Build("class C { void M() { } }", new EditorTraceOptions()));
}
