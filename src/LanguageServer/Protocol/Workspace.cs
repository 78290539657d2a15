using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlamaCode.LanguageServer.Protocol;

public sealed record DidChangeConfigurationParams(JsonElement Settings);

public sealed record ExecuteCommandParams(string Command, JsonElement[]? Arguments, JsonElement? WorkDoneToken = null);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record CodeAction(string Title, string Kind, Command Command);

/// <summary>An LSP Command: <see cref="Name"/> is its "command" identifier.</summary>
public sealed record Command(string Title, [property: JsonPropertyName("command")] string Name, object[] Arguments);

public sealed record ExecuteCommandOptions(string[] Commands);

/// <summary>The argument of llamacode.explainSelection.</summary>
public sealed record ExplainSelectionArguments(string Uri, Range Range);
