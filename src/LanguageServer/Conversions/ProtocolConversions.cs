using LlamaCode.Completion;
using LlamaCode.Completion.Documents;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Conversions;

/// <summary>Protocol ↔ domain, in one place (as rust-analyzer's from_proto / to_proto).</summary>
public static class ProtocolConversions
{
    public const string Utf8 = "utf-8", Utf16 = "utf-16";

    /// <summary>UTF-8 when the client offers it (no conversion for the client), else LSP's default UTF-16.</summary>
    public static string NegotiateEncoding(string[]? offered) => offered?.Contains(Utf8) == true ? Utf8 : Utf16;

    public static ColumnUnit ToColumnUnit(string encoding) => encoding == Utf8 ? ColumnUnit.Utf8 : ColumnUnit.Utf16;

    /// <summary>A position to an offset, clamped as the specification asks (past a line's end = its end).</summary>
    public static int ToOffset(string text, Position position, ColumnUnit unit) =>
        TextPositions.ClampedOffset(text, position.Line, position.Character, unit);

    public static Position ToPosition(string text, int offset, ColumnUnit unit)
    {
        var (line, column) = TextPositions.Position(text, offset, unit);
        return new Position(line, column);
    }

    /// <summary>
    /// The completion request for an inline request. With a selected completion-list item, the document is read as if
    /// the item were accepted: its text replaces its range and the cursor follows it.
    /// </summary>
    /// <summary>The folder of a workspace folder URI (file: URIs only), or null.</summary>
    public static string? WorkspaceRoot(string? uri) =>
        uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : null;

    public static (CompletionRequest Request, InlineEdit Edit) ToCompletionRequest(OpenDocument doc, InlineCompletionParams p, ColumnUnit unit, CompletionOptions options)
    {
        var cursor = ToOffset(doc.Text, p.Position, unit);
        if (p.Context?.SelectedCompletionInfo is { } selected)
        {
            var start = ToOffset(doc.Text, selected.Range.Start, unit);
            var end = Math.Max(start, ToOffset(doc.Text, selected.Range.End, unit));
            var text = string.Concat(doc.Text.AsSpan(0, start), selected.Text, doc.Text.AsSpan(end));
            return (new CompletionRequest(doc.Uri, text, start + selected.Text.Length, options), new InlineEdit(selected.Range, selected.Text));
        }
        return (new CompletionRequest(doc.Uri, doc.Text, cursor, options), new InlineEdit(new Protocol.Range(p.Position, p.Position), string.Empty));
    }

    /// <summary>The answer: the completion after what the edit already inserts, over the edit's range.</summary>
    public static InlineCompletionList ToInlineCompletionList(string completion, InlineEdit edit) =>
        completion.Length == 0 ? InlineCompletionList.Empty : new([new InlineCompletionItem(edit.Lead + completion, edit.Range)]);

    public static int ToMessageType(ServerLogLevel level) => level switch
    {
        ServerLogLevel.Error => MessageType.Error,
        ServerLogLevel.Warning => MessageType.Warning,
        ServerLogLevel.Info => MessageType.Info,
        _ => MessageType.Log,
    };
}

/// <summary>Where an inline completion goes, and the text it must start with (a selected completion-list item's).</summary>
public sealed record InlineEdit(Protocol.Range Range, string Lead);
