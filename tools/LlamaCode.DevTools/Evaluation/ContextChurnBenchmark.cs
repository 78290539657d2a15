using LlamaCode.Completion;
using LlamaCode.Completion.Context;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.DevTools.Evaluation;

/// <summary>How much a source's context moves while the identifier at a cursor is typed one character at a time.</summary>
/// <param name="Transitions">pairs of consecutive keystrokes measured</param>
/// <param name="Changed">pairs whose context blocks (paths and texts, in order) differ</param>
/// <param name="KeptShare">mean share of the context's characters that the next keystroke's context keeps as its start (what a KV cache can reuse)</param>
public sealed record ChurnResult(string Source, int Transitions, int Changed, double KeptShare)
{
    public double ChangedShare => Transitions == 0 ? 0 : (double)Changed / Transitions;
}

/// <summary>
/// A typing run per cursor: the identifier after the cursor is typed character by character (the rest of the line
/// stays cut), each keystroke a request through the real prompt path, and consecutive contexts are compared.
/// </summary>
public static class ContextChurnBenchmark
{
    public static async Task<ChurnResult> RunAsync(IContextSource source, ITokenizer tokenizer, IReadOnlyList<RecallCursor> cursors,
        int contextTokens, int documentTokens, int maxKeystrokes, CancellationToken cancellationToken)
    {
        var composer = new PromptComposer(tokenizer, source);
        var budget = TokenBudget.ForDocumentAndContext(documentTokens, contextTokens);
        int transitions = 0, changed = 0;
        double kept = 0;
        foreach (var cursor in cursors)
        {
            string? previous = null;
            for (int typed = 0; typed <= Math.Min(cursor.Identifier.Length, maxKeystrokes); typed++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = cursor.Text.Insert(cursor.Offset, cursor.Identifier[..typed]);
                var prompt = await composer.ComposeAsync(new ContextQuery(cursor.Path, text, cursor.Offset + typed), FimLayout.Spm, budget, cancellationToken).ConfigureAwait(false);
                var context = string.Concat(prompt.Fim.Context.Select(b => b.Path + "\n" + b.Text + "\n"));
                if (previous is not null)
                {
                    transitions++;
                    if (context != previous) changed++;
                    kept += context.Length == 0 ? 1 : (double)CommonPrefix(previous, context) / context.Length;
                }
                previous = context;
            }
        }
        return new ChurnResult(source.Name, transitions, changed, transitions == 0 ? 1 : kept / transitions);
    }

    private static int CommonPrefix(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length), i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }
}
