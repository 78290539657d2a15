namespace LlamaCode.Completion.PostProcessing;

/// <summary>With code after the cursor on its line, only the first line of a completion fits there.</summary>
public sealed class SingleLineWhenMidLine : ICompletionRule
{
    public string Apply(string completion, CursorContext context)
    {
        if (!context.IsMidLine) return completion;
        int end = completion.IndexOf('\n');
        return end < 0 ? completion : completion[..end].TrimEnd('\r');
    }
}
