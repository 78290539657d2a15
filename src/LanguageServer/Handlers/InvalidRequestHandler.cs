using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>Answers InvalidRequest for a message that had an id but was not valid JSON-RPC (see <see cref="MessageFraming"/>).</summary>
public sealed class InvalidRequestHandler
{
    [JsonRpcMethod(MessageFraming.InvalidRequestMethod)]
    public void Handle(string reason) => throw Lifecycle.Error(ErrorCodes.InvalidRequest, reason);
}
