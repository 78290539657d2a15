namespace LlamaCode.Completion.Instructions;

/// <summary>
/// An instruction prompt whose answer a GBNF grammar constrains. The user message is built for a character budget,
/// so that the generator can shrink it until the prompt fits its context.
/// </summary>
public sealed record ConstrainedInstruction(string System, Func<int, string> UserMessage, string Grammar, int MaxTokens, TimeSpan TimeBudget);

/// <summary>The generated text, and whether the token or time budget cut it short.</summary>
public sealed record ConstrainedOutput(string Text, bool CutShort);

/// <summary>Generates grammar-constrained answers to instruction prompts (the model side of a review).</summary>
public interface IConstrainedGenerator
{
    Task<ConstrainedOutput> GenerateAsync(ConstrainedInstruction instruction, CancellationToken cancellationToken);
}
