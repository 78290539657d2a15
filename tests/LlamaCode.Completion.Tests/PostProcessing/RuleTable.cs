using LlamaCode.Completion.PostProcessing;
using LlamaCode.Completion.Tests.Support;

namespace LlamaCode.Completion.Tests.PostProcessing;

internal static class RuleTable
{
    /// <summary>Applies one rule to a completion at the "$0" of a fixture.</summary>
    public static string Apply(ICompletionRule rule, string fixture, string completion, string path = "src/App.cs", bool truncated = false)
    {
        var (prefix, suffix) = Cursor.Split(fixture);
        return rule.Apply(completion, new CursorContext(prefix, suffix, path, truncated));
    }
}
