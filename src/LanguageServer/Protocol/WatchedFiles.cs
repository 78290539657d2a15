namespace LlamaCode.LanguageServer.Protocol;

public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

/// <summary>Type: 1 created, 2 changed, 3 deleted.</summary>
public sealed record FileEvent(string Uri, int Type);
