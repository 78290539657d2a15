namespace LlamaCode.Completion.Prompting;

/// <summary>
/// A piece of retrieved context (a snippet of another file, or symbol stubs) to show the model before the prefix.
/// <paramref name="Stability"/> says how likely the block is to stay in the prompt across nearby requests
/// (higher = more stable); stable blocks are placed first so that their KV cache survives cursor moves.
/// </summary>
public sealed record ContextBlock(string Path, string Text, double Stability, string Kind = ContextBlock.SnippetKind)
{
    /// <summary>A piece of another file's text (found by the repository index).</summary>
    public const string SnippetKind = "snippet";
    /// <summary>Compiler-derived stubs of types declared in another file.</summary>
    public const string SymbolsKind = "symbols";

    /// <summary>The block as it appears in the prompt: a path header comment, the text, and a final line break.</summary>
    public string Render(CommentSyntax comment)
    {
        var header = comment.Line($"Path: {Path}");
        return Text.EndsWith('\n') ? $"{header}\n{Text}" : $"{header}\n{Text}\n";
    }
}
