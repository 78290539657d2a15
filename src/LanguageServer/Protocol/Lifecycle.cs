using System.Text.Json;

namespace LlamaCode.LanguageServer.Protocol;

public sealed record InitializeParams
{
    public int? ProcessId { get; init; }
    public string? RootUri { get; init; }
    public WorkspaceFolder[]? WorkspaceFolders { get; init; }
    public ClientCapabilities? Capabilities { get; init; }
    public JsonElement? InitializationOptions { get; init; }
}

public sealed record ClientCapabilities
{
    public GeneralClientCapabilities? General { get; init; }
    public WindowClientCapabilities? Window { get; init; }
}

public sealed record GeneralClientCapabilities
{
    public string[]? PositionEncodings { get; init; }
}

public sealed record WindowClientCapabilities
{
    public bool? WorkDoneProgress { get; init; }
}

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string Version);

public sealed record ServerCapabilities
{
    public required string PositionEncoding { get; init; }
    public required TextDocumentSyncOptions TextDocumentSync { get; init; }
    public bool InlineCompletionProvider { get; init; } = true;
    public bool CodeActionProvider { get; init; } = true;
    public required ExecuteCommandOptions ExecuteCommandProvider { get; init; }
}

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

public sealed record SaveOptions(bool IncludeText);

public static class TextDocumentSyncKind
{
    public const int Full = 1, Incremental = 2;
}

public sealed record WorkspaceFolder(string Uri, string Name);
