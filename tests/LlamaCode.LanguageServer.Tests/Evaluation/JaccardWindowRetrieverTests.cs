using LlamaCode.Completion.Retrieval;
using LlamaCode.DevTools.Evaluation;

namespace LlamaCode.LanguageServer.Tests.Evaluation;

public class JaccardWindowRetrieverTests
{
    private static string Filler(string word, int lines) => string.Concat(Enumerable.Range(0, lines).Select(i => $"{word}{i}\n"));

    [Fact]
    public void Picks_the_window_most_similar_to_the_lines_before_the_cursor()
    {
        // The matching lines sit at 30-31 of a 60-line file; windows are 20 lines, sliding by one.
        var text = Filler("noise", 30) + "var total = cart.Items.Sum(item => item.Price);\ntotal += shipping.Cost;\n" + Filler("noise", 28);
        var retriever = new JaccardWindowRetriever(new JaccardWindowOptions { WindowLines = 2 });
        var query = new RetrievalQuery("Checkout.cs", "var total = cart.Items.Sum(item => item.Price);\ntotal += shipping.", "");

        var result = Assert.Single(retriever.Retrieve(query, [("Cart.cs", text), ("Other.cs", "unrelated words")]));

        Assert.Equal(("Cart.cs", 30, 31), (result.Path, result.StartLine, result.EndLine));
        Assert.StartsWith("var total", result.Text);
        // Query terms (var is a keyword): total, cart, items, sum, item, price, shipping; the window adds cost.
        // (Lines 29-30 share 6 of 8 terms, lines 31-32 2 of 9.)
        Assert.Equal(7.0 / 8, result.Score, 9);
    }

    [Fact]
    public void Keeps_the_best_window_of_each_file_within_the_character_budget()
    {
        var files = new[]
        {
            ("Best.cs", "alpha beta gamma"),
            ("Good.cs", "alpha beta other"),
            ("Big.cs", "alpha " + new string('x', 100)),
            ("Current.cs", "alpha beta gamma"),
        };
        var retriever = new JaccardWindowRetriever(new JaccardWindowOptions { CharacterBudget = 40 });

        var results = retriever.Retrieve(new RetrievalQuery("Current.cs", "alpha beta gamma", ""), files);

        Assert.Equal(["Best.cs", "Good.cs"], results.Select(r => r.Path)); // Big.cs does not fit; the current file is left out
    }
}
