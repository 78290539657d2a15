using System.Collections.Concurrent;
using System.IO.Pipelines;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// The server's JSON-RPC message handler, passing on only responses to requests the server sent and has not had
/// answered. StreamJsonRpc ends the connection on a response it has no request for (a client's stray, late or repeated
/// response); such a response is dropped here and reported instead.
/// </summary>
public sealed class OwnResponsesOnlyHandler(PipeWriter writer, PipeReader reader, IJsonRpcMessageFormatter formatter, Action<string> onStray)
    : HeaderDelimitedMessageHandler(writer, reader, formatter)
{
    private readonly ConcurrentDictionary<RequestId, byte> _awaiting = new();

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        // Recorded before it is written, so that the answer cannot arrive first.
        if (content is JsonRpcRequest { IsResponseExpected: true } request) _awaiting.TryAdd(request.RequestId, 0);
        base.Write(content, cancellationToken);
    }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
            if (message is not IJsonRpcMessageWithId { RequestId: var id } || message is JsonRpcRequest || _awaiting.TryRemove(id, out _))
                return message;
            onStray($"a response to no request of the server's (id {id})");
            // The dropped message's buffer is released here, as JsonRpc does for the messages it reads.
            ((IJsonRpcMessageBufferManager)this).DeserializationComplete(message);
        }
    }
}
