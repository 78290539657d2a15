namespace LlamaCode.Completion.PostProcessing;

/// <summary>Removes whitespace at the end of each line and blank lines at the end of the completion.</summary>
public sealed class TrimTrailingWhitespace : ICompletionRule
{
    public string Apply(string completion, CursorContext context)
    {
        var lines = completion.Split('\n').Select(line => line.TrimEnd(' ', '\t', '\r'));
        return string.Join('\n', lines).TrimEnd('\n');
    }
}
