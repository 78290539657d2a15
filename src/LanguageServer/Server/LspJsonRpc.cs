using LlamaCode.LanguageServer.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// JSON-RPC with LSP's error codes: parameters that do not deserialize are InvalidParams (-32602). Errors carry a
/// one-line message and never the server's stack trace (StreamJsonRpc puts it in <c>data</c> by default).
/// </summary>
public sealed class LspJsonRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var details = base.CreateErrorDetails(request, exception);
        details.Data = null;
        if (IsBadArgument(exception))
        {
            details.Code = (JsonRpcErrorCode)ErrorCodes.InvalidParams;
        }
        else if (IsMissingField(exception))
        {
            // Our protocol records are non-nullable where LSP requires a field; a client that leaves one out (params
            // `{}` for a method that needs them) makes the handler meet a null.
            details.Code = (JsonRpcErrorCode)ErrorCodes.InvalidParams;
            details.Message = $"{request.Method}: a required parameter is missing or null";
        }
        return details;
    }

    private static bool IsBadArgument(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is RpcArgumentDeserializationException or System.Text.Json.JsonException) return true;
        return false;
    }

    private static bool IsMissingField(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is NullReferenceException or ArgumentNullException) return true;
        return false;
    }
}
