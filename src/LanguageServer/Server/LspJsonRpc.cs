using LlamaCode.LanguageServer.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>JSON-RPC with LSP's error codes: parameters that do not deserialize are InvalidParams (-32602).</summary>
public sealed class LspJsonRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var details = base.CreateErrorDetails(request, exception);
        if (IsBadArgument(exception)) details.Code = (JsonRpcErrorCode)ErrorCodes.InvalidParams;
        return details;
    }

    private static bool IsBadArgument(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is RpcArgumentDeserializationException or System.Text.Json.JsonException) return true;
        return false;
    }
}
