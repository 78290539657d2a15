using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Backends.Remote.Tokens;
using LlamaCode.Completion.Prompting;
using LlamaCode.ModelGenerator;
using LlamaCode.Engine.Model;

namespace LlamaCode.LanguageServer.Tests.Remote;

/// <summary>
/// Tokens for the budget from a real llama-server's /tokenize, with no local vocabulary: the same tokens, counts and
/// prompts as the model's own vocabulary loaded here, and few requests per keystroke.
/// </summary>
public sealed class RemoteTokenizerTests
{
    // Texts a prompt is made of: code with indentation, blank lines, CRLF, tabs, non-ASCII, an emoji (byte tokens),
    // text that spells a FIM marker (must stay text), a lone line break, and no trailing line break.
    private static readonly string[] Texts =
    [
        "class Cart\n{\n    int Total(int a, int b)\n    {\n        return a + b;\n    }\n}\n",
        "\n\n\n    x = 1;\r\n\t\ty = 2;\n",
        "// prix: 12 €, größe — ok 🙂\nvar s = \"<PRE> <SUF> <MID>\";",
        "\n",
        "   leading spaces and no line break at the end",
    ];

    private static readonly RemoteSettings Exact = new(RemoteApi.LlamaServer, new Uri("http://127.0.0.1:1/")) { TokenizeTimeout = TimeSpan.FromSeconds(30), TokenizeStartTimeout = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(DevModelFamily.CodeLlama)]
    [InlineData(DevModelFamily.Qwen25Coder)]
    public async Task Server_tokens_are_the_local_vocabularys_for_every_text_and_every_prompt(DevModelFamily family)
    {
        var model = DevModels.GetOrCreate(family, FimTokenIds.InMetadata);
        await using var llama = await LlamaServerProcess.StartAsync(model);
        using var vocabulary = LlamaModel.Load(model, new ModelLoadOptions { VocabOnly = true });
        var log = new List<string>();
        await using var backend = await RemoteGenerationBackend.ConnectAsync(Exact with { Endpoint = llama.Endpoint }, log.Add, CancellationToken.None);
        var server = Assert.IsType<ServerTokenizer>(backend.Tokenizer);

        Assert.Contains(log, l => l.StartsWith("tokens: ") && l.Contains("/tokenize, exact"));
        Assert.True(server.HasServerFim, string.Join('\n', log));
        Assert.Equal(vocabulary.Info.AddsBos, server.Info.AddsBos);
        Assert.Equal(vocabulary.Info.Special, server.Info.Special);
        foreach (var text in Texts)
        {
            Assert.Equal(Ids(vocabulary.Tokenize(text)), Ids(server.Tokenize(text)));
            Assert.Equal(Ids(vocabulary.Tokenize(text, addSpecial: true)), Ids(server.Tokenize(text, addSpecial: true)));
            Assert.Equal(text, server.Detokenize(server.Tokenize(text)));
        }
        // Whole prompts, both layouts, with retrieved context and a budget that cuts the prefix: the very same token ids.
        var prefix = string.Concat(Enumerable.Repeat(Texts[0], 20)) + "class Order\n{\n    int Sum() => ";
        var context = new[] { new ContextBlock("Item.cs", "record Item(string Name, decimal Price);\n", 0.9) };
        foreach (var layout in new[] { FimLayout.Spm, FimLayout.Psm })
        {
            var budget = new TokenBudget(300);
            var expected = FimPromptBuilder.Build(vocabulary, layout, prefix, ";\n}\n", budget, context, "Order.cs");
            var actual = FimPromptBuilder.Build(server, layout, prefix, ";\n}\n", budget, context, "Order.cs");
            Assert.Equal(Ids(expected.Tokens), Ids(actual.Tokens));
            Assert.True(ServerTokenizer.AllServerTokens(actual.Tokens));
        }
    }

    [Fact]
    public async Task A_keystroke_asks_the_server_only_for_the_line_it_changed()
    {
        var model = DevModels.GetOrCreate(DevModelSize.Tiny);
        await using var llama = await LlamaServerProcess.StartAsync(model);
        await using var backend = await RemoteGenerationBackend.ConnectAsync(Exact with { Endpoint = llama.Endpoint }, _ => { }, CancellationToken.None);
        var server = Assert.IsType<ServerTokenizer>(backend.Tokenizer);
        Assert.True(server.ByLine);
        var file = string.Concat(Enumerable.Range(0, 200).Select(i => $"    int Field{i} = {i * 7};\n"));
        var suffix = "\n    }\n}\n";
        var budget = new TokenBudget(600);
        FimPromptBuilder.Build(server, FimLayout.Spm, file + "    void M()\n    {\n        var x", suffix, budget);

        var requests = new List<long>();
        var typed = "var total = items.Sum();";
        for (int k = 1; k <= typed.Length; k++)
        {
            var before = server.ServerRequests;
            FimPromptBuilder.Build(server, FimLayout.Spm, file + "    void M()\n    {\n        " + typed[..k], suffix, budget);
            requests.Add(server.ServerRequests - before);
        }

        // The prefix is cut to the budget line by line (many tokenize calls), yet only the typed line is new.
        Assert.All(requests, r => Assert.InRange(r, 1, 2));
    }

    private static int[] Ids(IEnumerable<Token> tokens) => tokens.Select(t => t.Id).ToArray();
}
