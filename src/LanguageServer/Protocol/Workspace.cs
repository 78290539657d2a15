using System.Text.Json;

namespace LlamaCode.LanguageServer.Protocol;

public sealed record DidChangeConfigurationParams(JsonElement Settings);

public sealed record ExecuteCommandParams(string Command, JsonElement[]? Arguments);
