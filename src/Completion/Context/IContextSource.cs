using LlamaCode.Completion.Prompting;

namespace LlamaCode.Completion.Context;

/// <summary>A cursor in a document as the editor has it: workspace-relative path, full text, UTF-16 offset.</summary>
/// <remarks>
/// <see cref="ContextCharsHint"/> says about how many characters of context the prompt can take, so that a
/// source can stop preparing blocks that could never fit.
/// </remarks>
public sealed record ContextQuery(string RelativePath, string Text, int Offset, int? ContextCharsHint = null)
{
    public string Prefix => Text[..Offset];
    public string Suffix => Text[Offset..];
}

/// <summary>One way of finding context for a cursor in other files; results come most relevant first.</summary>
public interface IContextSource
{
    /// <summary>A short name for tables and logs.</summary>
    string Name { get; }

    Task<IReadOnlyList<ContextBlock>> RetrieveAsync(ContextQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// True while what this source gives for <paramref name="relativePath"/> is still filling in (its project's first
    /// compilation goes on): a context retrieved meanwhile is not held across keystrokes (<see cref="StableContextSource"/>),
    /// so the stubs come as soon as they are there instead of after the next jump.
    /// </summary>
    bool IsFillingIn(string relativePath) => false;
}
