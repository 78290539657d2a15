using LlamaCode.Completion.PostProcessing;
using LlamaCode.Completion.Tests.Support;

namespace LlamaCode.Completion.Tests.PostProcessing;

internal static class RuleTable
{
    /// <summary>
    /// Applies one rule to a completion at the "$0" of a fixture; <paramref name="prepared"/>: with the document's syntax
    /// check started before the completion existed, as a request does while the model generates.
    /// </summary>
    public static string Apply(ICompletionRule rule, string fixture, string completion, string path = "src/App.cs", bool truncated = false, bool prepared = false)
    {
        var (prefix, suffix) = Cursor.Split(fixture);
        var context = new CursorContext(prefix, suffix, path, truncated);
        if (prepared) context = context with { PreparedSyntaxCheck = CSharpSyntaxCheck.Prepare(context) };
        return rule.Apply(completion, context);
    }
}
