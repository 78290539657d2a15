using System.Text.Json;

namespace LlamaCode.LanguageServer.Protocol;

// LSP 3.18 records for the methods we serve (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.18/specification/).
// Property names are camelCased by the serializer options in JsonRpcConnection.

public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
    public const int ContentModified = -32801;
    public const int RequestFailed = -32803;
}

public static class MessageType
{
    public const int Error = 1, Warning = 2, Info = 3, Log = 4, Debug = 5;
}

public sealed record LogMessageParams(int Type, string Message);

public sealed record ShowMessageParams(int Type, string Message);

/// <summary>A progress token is a string or an integer.</summary>
public sealed record WorkDoneProgressCreateParams(JsonElement Token);

public sealed record ProgressParams(JsonElement Token, object Value);

/// <summary>How protocol records are (de)serialized: camelCase names, nulls left out.</summary>
public static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
