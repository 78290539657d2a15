namespace LlamaCode.Completion.PostProcessing;

/// <summary>One pure post-processing step: the completion as it should be inserted, given the cursor's context.</summary>
public interface ICompletionRule
{
    string Apply(string completion, CursorContext context);
}
