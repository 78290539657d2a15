namespace LlamaCode.LanguageServer.Protocol;

public sealed record InlineCompletionParams(TextDocumentIdentifier TextDocument, Position Position, InlineCompletionContext? Context);

public sealed record InlineCompletionContext(int TriggerKind, SelectedCompletionInfo? SelectedCompletionInfo);

/// <summary>The item selected in the completion list: the inline completion must start with <see cref="Text"/> replacing <see cref="Range"/>.</summary>
public sealed record SelectedCompletionInfo(Range Range, string Text);

public static class InlineCompletionTriggerKind
{
    public const int Invoked = 1, Automatic = 2;
}

public sealed record InlineCompletionList(InlineCompletionItem[] Items)
{
    public static readonly InlineCompletionList Empty = new([]);
}

public sealed record InlineCompletionItem(string InsertText, Range? Range);
