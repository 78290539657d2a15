using LlamaCode.Completion;
using LlamaCode.Engine.Inference;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>textDocument/inlineCompletion (LSP 3.18).</summary>
public sealed class InlineCompletionHandler(ServerState state)
{
    [JsonRpcMethod("textDocument/inlineCompletion", UseSingleObjectParameterDeserialization = true)]
    public async Task<InlineCompletionList> Handle(InlineCompletionParams p, CancellationToken cancellationToken)
    {
        state.Lifecycle.EnsureRequestAllowed();
        // Read the document now: every notification that came before this request has been applied.
        if (state.Documents.Get(p.TextDocument.Uri) is not { } doc) return InlineCompletionList.Empty;
        var settings = state.Settings;
        var (request, edit) = ProtocolConversions.ToCompletionRequest(doc, p, state.ColumnUnit, settings.CompletionOptions);
        if (state.Workspace.Context is { } workspace && state.Workspace.RelativePath(doc.Uri) is { } workspacePath)
            request = request with { Context = workspace.Typing, WorkspacePath = workspacePath };

        var automatic = p.Context?.TriggerKind != InlineCompletionTriggerKind.Invoked;
        if (automatic && edit.Lead.Length == 0 && TypingThrough.Remaining(state.LastShown, request.DocumentPath, request.Text, request.Offset) is { } rest)
        {
            state.Stats.Add(new ServedRequest(doc.Uri, "typing-through", 0, 0, 0, 0, 0, 0, DateTimeOffset.Now));
            return ProtocolConversions.ToInlineCompletionList(rest, edit);
        }

        var pending = state.InlineRequests.Start(doc.Uri, doc.Text, cancellationToken);
        try
        {
            var service = await state.Models.WaitAsync(TimeSpan.FromMilliseconds(settings.LoadWaitMs), pending.Token);
            if (service is null) return InlineCompletionList.Empty;
            CompletionResult result;
            try
            {
                result = await service.CompleteAsync(request, pending.Token);
            }
            catch (ModelUnusableException e)
            {
                await state.Models.ReportUnusableAsync(service, e.Message);
                return InlineCompletionList.Empty;
            }
            state.RemoteFailures.Succeeded();
            if (result.Stats is { } s)
                state.Stats.Add(new ServedRequest(doc.Uri, "model", s.PromptTokens, s.CachedTokens, s.DecodedTokens, s.GeneratedTokens, s.TimeToFirstTokenMs, s.TotalMs, DateTimeOffset.Now) { ServerMs = s.ServerMs, ComposeMs = s.ComposeMs, ClientMs = s.ClientMs, PostProcessMs = s.PostProcessMs, Fallback = s.Fallback });
            if (result.Prompt is { } prompt) state.LastPrompt = (doc.Uri, prompt);
            state.LastShown = new ShownSuggestion(request.DocumentPath, request.Text, request.Offset, result.InsertText);
            return ProtocolConversions.ToInlineCompletionList(result.InsertText, edit);
        }
        catch (RemoteBackendException e)
        {
            await state.RemoteFailures.ReportAsync(e);
            return InlineCompletionList.Empty;
        }
        catch (OperationCanceledException) when (pending.SupersededWith is { } code)
        {
            throw Lifecycle.Error(code, code == ErrorCodes.ContentModified
                ? "the document changed: a newer inline completion request replaced this one"
                : "a newer inline completion request replaced this one");
        }
        finally
        {
            state.InlineRequests.Finish(doc.Uri, pending);
        }
    }
}
