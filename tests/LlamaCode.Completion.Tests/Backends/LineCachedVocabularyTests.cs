using LlamaCode.Completion.Backends.Tokens;
using LlamaCode.Completion.Prompting;
using LlamaCode.ModelGenerator;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Backends;

/// <summary>A vocabulary whose tokens are cached line by line gives the very ids of the vocabulary itself, for every family's tokenizer.</summary>
public sealed class LineCachedVocabularyTests
{
    private static readonly string[] Texts =
    [
        "class Cart\n{\n    int Total(int a, int b)\n    {\n        return a + b;\n    }\n}\n",
        "\n\n\n    x = 1;\r\n\t\ty = 2;\n  \n",
        "// prix: 12 €, größe — ok 🙂\nvar s = \"<PRE> <SUF> <MID>\";",
        "\n",
        "   leading spaces and no line break at the end",
    ];

    [Theory]
    [InlineData(DevModelFamily.CodeLlama)]
    [InlineData(DevModelFamily.StarCoder2)]
    [InlineData(DevModelFamily.DeepSeekCoder)]
    [InlineData(DevModelFamily.Qwen25Coder)]
    [InlineData(DevModelFamily.CodeGemma)]
    public void Cached_lines_give_the_vocabularys_own_tokens_and_prompts(DevModelFamily family)
    {
        using var vocabulary = LlamaModel.Load(DevModels.GetOrCreate(family, FimTokenIds.InMetadata), new ModelLoadOptions { VocabOnly = true });
        var cached = new LineCachedVocabulary(vocabulary);

        foreach (var text in Texts)
            for (int round = 0; round < 2; round++) // tokenized, then from the cache
                Assert.Equal(Ids(vocabulary.Tokenize(text)), Ids(cached.Tokenize(text)));
        var prefix = string.Concat(Enumerable.Repeat(Texts[0], 20)) + "class Order\n{\n    int Sum() => ";
        var context = new[] { new ContextBlock("Item.cs", "record Item(string Name, decimal Price);\n", 0.9) };
        foreach (var layout in new[] { FimLayout.Spm, FimLayout.Psm })
            for (int typed = 0; typed < 3; typed++)
                Assert.Equal(
                    Ids(FimPromptBuilder.Build(vocabulary, layout, prefix + new string('x', typed), ";\n}\n", new TokenBudget(300), context, "Order.cs").Tokens),
                    Ids(FimPromptBuilder.Build(cached, layout, prefix + new string('x', typed), ";\n}\n", new TokenBudget(300), context, "Order.cs").Tokens));
    }

    private static int[] Ids(IEnumerable<Token> tokens) => tokens.Select(t => t.Id).ToArray();
}
