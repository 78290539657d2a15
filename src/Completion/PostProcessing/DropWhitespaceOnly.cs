namespace LlamaCode.Completion.PostProcessing;

/// <summary>A completion of only whitespace is not worth showing.</summary>
public sealed class DropWhitespaceOnly : ICompletionRule
{
    public string Apply(string completion, CursorContext context) =>
        string.IsNullOrWhiteSpace(completion) ? "" : completion;
}
