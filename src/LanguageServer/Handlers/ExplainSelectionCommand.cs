using System.Text.Json;
using LlamaCode.Completion;
using LlamaCode.Completion.Explain;
using LlamaCode.Engine.Inference;
using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Protocol;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Handlers;

/// <summary>
/// llamacode.explainSelection {uri, range}: streams the explanation through work-done progress reports (each report's
/// message is the whole text so far) and returns the whole Markdown text. Cancelling the request stops the decode.
/// </summary>
public static class ExplainSelectionCommand
{
    public const string Name = "llamacode.explainSelection";

    public static async Task<string> RunAsync(ServerState state, JsonElement[]? arguments, JsonElement? workDoneToken, CancellationToken ct)
    {
        if (arguments is not [var first] || first.Deserialize<ExplainSelectionArguments>(ProtocolJson.Options) is not { Uri: not null, Range: not null } args)
            throw Lifecycle.Error(ErrorCodes.InvalidParams, $"{Name} takes one argument {{uri, range}}");
        if (state.Documents.Get(args.Uri) is not { } doc) throw Lifecycle.Error(ErrorCodes.InvalidParams, $"the document is not open: {args.Uri}");
        var start = ProtocolConversions.ToOffset(doc.Text, args.Range.Start, state.ColumnUnit);
        var end = ProtocolConversions.ToOffset(doc.Text, args.Range.End, state.ColumnUnit);
        if (end <= start) throw Lifecycle.Error(ErrorCodes.InvalidParams, "the selection is empty");

        var service = await state.Models.WaitAsync(TimeSpan.FromMilliseconds(state.Settings.LoadWaitMs), ct) as IExplainService
            ?? throw Lifecycle.Error(ErrorCodes.RequestFailed, "no model is loaded (see llamacode.modelPath)");
        var progress = await state.Client.BeginProgressAsync("LlamaCode: explaining the selection", "", workDoneToken);
        try
        {
            var result = await service.ExplainAsync(new ExplainRequest(doc.Uri, doc.Text, start, end, state.Settings.ExplainMaxTokens),
                text => progress?.ReportAsync(text), ct);
            return result.Markdown;
        }
        catch (ModelUnusableException e)
        {
            await state.Models.ReportUnusableAsync(service, e.Message);
            throw Lifecycle.Error(ErrorCodes.RequestFailed, $"the model is unusable: {e.Message}");
        }
        finally
        {
            if (progress != null) await progress.EndAsync("done");
        }
    }
}
