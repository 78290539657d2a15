using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaCode.Completion.Backends.Remote.Tokens;
using LlamaCode.Completion.Backends.Tokens;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends.Remote;

/// <summary>
/// Generation on an inference server. The prompt is the one the local engine would decode: token ids where the
/// server takes them and our tokenizer is the model's own, else the same prompt as text with its FIM tokens spelled
/// out. Cancelling a request closes its HTTP stream, which makes the server stop and free the slot.
/// </summary>
public sealed class RemoteGenerationBackend : IGenerationBackend
{
    private readonly RemoteSettings _settings;
    private readonly IRemoteApi _api;
    private readonly HttpClient _http;
    private readonly Action<string> _log;
    private readonly LlamaModel? _vocabulary;
    private int _contextSize;
    private int? _serverSlots;
    private long _nextPropsProbe;

    /// <summary>With no <paramref name="tokenizer"/>, llama-server's /tokenize (<see cref="ServerTokenizer"/>).</summary>
    private RemoteGenerationBackend(RemoteSettings settings, HttpMessageHandler handler, Action<string> log, LlamaModel? vocabulary, ITokenizer? tokenizer)
    {
        _settings = settings;
        _api = ApiFor(settings.Api);
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _log = log;
        _vocabulary = vocabulary;
        Tokenizer = tokenizer ?? new ServerTokenizer(new TokenizeEndpoint(_http, Url("tokenize"), Authorize) { Timeout = settings.TokenizeTimeout }, ServerName, log);
        _contextSize = settings.ContextSize;
    }

    /// <summary>
    /// Sets up the backend: loads the local vocabulary if one is configured (refusing a model without FIM tokens),
    /// and asks llama-server for its context size and slots. An unreachable server is not an error here: requests
    /// fail one by one until it comes back.
    /// </summary>
    public static async Task<RemoteGenerationBackend> ConnectAsync(RemoteSettings settings, Action<string> log, CancellationToken cancellationToken,
        HttpMessageHandler? handler = null)
    {
        LlamaModel? vocabulary = null;
        ITokenizer? tokenizer = null;
        if (settings.VocabularyPath is { } path)
        {
            vocabulary = await Task.Run(() => LlamaModel.Load(path, new ModelLoadOptions { VocabOnly = true }), cancellationToken).ConfigureAwait(false);
            if (!vocabulary.Info.Special.HasFim)
            {
                var info = vocabulary.Info;
                vocabulary.Dispose();
                throw new ModelLacksFimException(info);
            }
            var cached = new LineCachedVocabulary(vocabulary);
            tokenizer = cached;
            log($"tokens: the vocabulary of {Path.GetFileName(path)} (loaded vocabulary-only), exact, "
                + (cached.ByLine ? "cached line by line" : "by whole texts (it joins line breaks with other text)"));
        }
        else if (settings.Api != RemoteApi.LlamaServer)
        {
            tokenizer = new ApproximateTokenizer();
            log($"tokens: approximated ({ApproximateTokenizer.CharactersPerToken} characters per token; {RemoteSettings.Name(settings.Api)} has no tokenizer endpoint this backend uses;"
                + " give a vocabulary GGUF (--model) for exact budgets); FIM tokens spelled as Code Llama's");
        }
        var backend = new RemoteGenerationBackend(settings, handler ?? DefaultHandler(), log, vocabulary, tokenizer);
        log($"backend {RemoteSettings.Name(settings.Api)} at {settings.Endpoint}" + (settings.Model is { } m ? $", model {m}" : "")
            + (settings.ApiKeyEnv is { } env ? $", bearer token from ${env}" + (Environment.GetEnvironmentVariable(env) is { Length: > 0 } ? "" : " (not set)") : ""));
        await backend.ProbeServerAsync(cancellationToken).ConfigureAwait(false);
        if (backend.Tokenizer is ServerTokenizer server && await Task.Run(() => server.TryDiscover(settings.TokenizeStartTimeout), cancellationToken).ConfigureAwait(false))
            log($"tokens: {backend.ServerName}'s /tokenize, exact ("
                + (server.ByLine ? "cached line by line" : "cached by text: its vocabulary joins line breaks with other text")
                + (server.HasServerFim ? "; prompts go as the server's token ids" : "; its FIM tokens were not found, so llama-server lays out the FIM prompt (/infill)") + ")");
        // (When /tokenize does not answer, the tokenizer has logged that it approximates until it does.)
        return backend;
    }

    private static SocketsHttpHandler DefaultHandler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        // Below llama-server's keep-alive (5 s): a connection the server is closing as it idles out is not picked for the
        // keystroke that ends a pause (the request would die with it).
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
        AutomaticDecompression = DecompressionMethods.None,
    };

    public static IRemoteApi ApiFor(RemoteApi api) => api switch
    {
        RemoteApi.LlamaServer => new LlamaServerApi(),
        RemoteApi.OpenAi => new OpenAiCompletionsApi(),
        RemoteApi.Ollama => new OllamaGenerateApi(),
        _ => throw new ArgumentOutOfRangeException(nameof(api)),
    };

    public ITokenizer Tokenizer { get; }
    public LlamaModel? Vocabulary => _vocabulary;
    public int ContextSize => _contextSize;
    public bool SupportsRequiredPrefix => false;

    /// <summary>The slots llama-server reported, once known.</summary>
    public int? ServerSlots => _serverSlots;

    private string ServerName => $"{RemoteSettings.Name(_settings.Api)} at {_settings.Endpoint.GetLeftPart(UriPartial.Authority)}";

    public async Task<GenerationOutput> GenerateAsync(GenerationInput input, Action<string>? onText, CancellationToken cancellationToken)
    {
        if (_settings.Api == RemoteApi.LlamaServer && _serverSlots is null) await ProbeServerAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var call = _api.Request(Prompt(input), input, _settings.Model);
        var body = Utf8Json(call.Body);
        // Our own work within the exchange: the request built and written out, then each stream event read.
        double clientMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (input.TimeBudget is { } limit) budget.CancelAfter(limit);
        var text = new StringBuilder();
        double? firstTokenMs = null;
        ServerTimings? timings = null;
        bool hitLimit = false;
        HttpResponseMessage? response = null;
        StreamReader? reader = null;
        try
        {
            response = await SendAsync(call.Path, body, budget.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(budget.Token).ConfigureAwait(false);
            reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(budget.Token).ConfigureAwait(false) is { } line)
            {
                var lineStarted = Stopwatch.GetTimestamp();
                var e = ParseLine(line);
                if (e is null) continue;
                if (e.Error is { } error) throw new RemoteBackendException($"{ServerName} failed the request: {OneLine(error)}", RemoteFailure.ServerError);
                if (e.Timings is { } t) timings = t;
                hitLimit |= e.HitLimit;
                if (e.Text.Length > 0)
                {
                    firstTokenMs ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    text.Append(e.Text);
                    onText?.Invoke(text.ToString());
                }
                clientMs += Stopwatch.GetElapsedTime(lineStarted).TotalMilliseconds;
                if (e.Done) break;
            }
            // The answer is complete at its last event; the rest of the response is read off the keystroke's path.
            DrainInBackground(response, reader);
            (response, reader) = (null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && input.TimeBudget is { } over)
        {
            // The time budget ran out: keep what came, as the local engine does; nothing at all is a failure.
            if (text.Length == 0)
                throw new RemoteBackendException($"{ServerName} gave nothing within the time budget of {over.TotalMilliseconds:F0} ms", RemoteFailure.TimeBudget);
            hitLimit = true;
        }
        finally
        {
            // Not handed to the drain (a failure, a cancellation): the connection is closed, which frees the server's slot.
            reader?.Dispose();
            response?.Dispose();
        }
        var totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        int promptTokens = timings is { PromptTokens: > 0 } ? timings.PromptTokens : input.Prompt.Count;
        int cached = timings?.CachedTokens ?? 0;
        var stats = new CompletionStats(promptTokens, cached, promptTokens - cached, timings?.GeneratedTokens ?? 0, firstTokenMs ?? totalMs, totalMs)
        {
            ServerMs = timings is { TotalMs: > 0 } ? timings.TotalMs : null,
            ClientMs = clientMs,
        };
        return new GenerationOutput(text.ToString(), stats, hitLimit);
    }

    /// <summary>
    /// Reads what follows the last event (the end of the chunked body; an OpenAI usage chunk and [DONE]), which the server
    /// sends at once: only a response read to its end lets its keep-alive connection serve the next keystroke, where a
    /// response left unread closes it and the next request connects anew. Bounded, for a server that keeps the stream
    /// open past its last event. In the background, then disposed: the keystroke's answer does not wait for it.
    /// </summary>
    private static void DrainInBackground(HttpResponseMessage response, StreamReader reader) => _ = Task.Run(async () =>
    {
        using (response)
        using (reader)
        using (var limit = new CancellationTokenSource(DrainLimit))
        {
            try
            {
                while (await reader.ReadLineAsync(limit.Token).ConfigureAwait(false) is not null) { }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
                // The connection is closed instead; the completion was complete.
            }
        }
    });

    private static readonly TimeSpan DrainLimit = TimeSpan.FromMilliseconds(200);

    private StreamEvent? ParseLine(string line)
    {
        try
        {
            return _api.Parse(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new RemoteBackendException($"{ServerName} sent a stream line this backend cannot read ({e.Message})", RemoteFailure.BadResponse, e);
        }
    }

    /// <summary>The prompt as this server takes it: ids when they are the model's own (llama-server), else text.</summary>
    private RemotePrompt Prompt(GenerationInput input)
    {
        // Ids only when they are the model's own: a local vocabulary, or the server's through /tokenize with no stand-in among them.
        bool ids = _settings.Api == RemoteApi.LlamaServer
            && (_vocabulary is not null || Tokenizer is ServerTokenizer { HasServerFim: true } && ServerTokenizer.AllServerTokens(input.Prompt));
        bool textNeeded = !ids && !(_settings.Api == RemoteApi.LlamaServer && input.Fim is not null);
        var tokens = input.Prompt;
        return new RemotePrompt(ids ? tokens : null, textNeeded ? SpellOut(Tokenizer, tokens) : "", Slot(input.CacheKey))
        {
            Stop = input.StopTokens.Select(t => Tokenizer.Detokenize([t], renderSpecial: true).Trim()).Where(s => s.Length > 0)
                .Concat(input.StopStrings).Distinct().ToArray(),
        };
    }

    /// <summary>
    /// A prompt of token ids as text for a server that takes only text: special tokens spelled as their vocabulary text
    /// (Code Llama's "▁&lt;PRE&gt;" with its "▁"), without the leading BOS (the server adds its own). A SentencePiece
    /// tokenizer (llama.cpp, and Hugging Face's in legacy mode) puts a space in front of the text after each special
    /// token, so one space is dropped there. Text can say no better: a piece after a special token that did not start
    /// with a space comes back with one (the token-id route of llama-server has no such difference).
    /// </summary>
    public static string SpellOut(ITokenizer tokenizer, IReadOnlyList<Token> tokens)
    {
        var special = tokenizer.Info.Special;
        var specials = new HashSet<Token>(new[] { special.Bos, special.Eos, special.Eot, special.FimPrefix, special.FimSuffix, special.FimMiddle, special.FimPad, special.FimRepo, special.FimSeparator }.Where(t => !t.IsNone));
        var text = new StringBuilder();
        bool afterSpecial = false;
        for (int i = tokens.Count > 0 && tokens[0] == special.Bos && !special.Bos.IsNone ? 1 : 0; i < tokens.Count; i++)
        {
            var isSpecial = specials.Contains(tokens[i]);
            var piece = tokenizer.Detokenize([tokens[i]], renderSpecial: isSpecial);
            if (afterSpecial && !isSpecial && piece.StartsWith(' ')) piece = piece[1..];
            text.Append(piece);
            afterSpecial = isSpecial;
        }
        return text.ToString();
    }

    /// <summary>The document's slot: a stable hash of its key over the server's slots, so that its prompts meet their cache.</summary>
    private int? Slot(string? key) => key is null || _serverSlots is not { } slots || slots <= 0 ? null : SlotOf(key, slots);

    public static int SlotOf(string key, int slots)
    {
        uint hash = 2166136261;
        foreach (var c in key) hash = (hash ^ c) * 16777619;
        return (int)(hash % (uint)slots);
    }

    /// <summary>Sends a call, retrying with backoff only when the connection could not be made; an HTTP error status is never retried.</summary>
    private async Task<HttpResponseMessage> SendAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var delay = _settings.FirstRetryDelay;
        for (int attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = JsonContentType;
            Authorize(request);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ResponseEnded)
            {
                // A kept-alive connection the server closed as the request went out: nothing was answered, so the
                // request goes again at once, on a new connection; twice is the server's doing.
                if (attempt > 0)
                    throw new RemoteBackendException($"{ServerName} closed the connection without answering, twice", RemoteFailure.BadResponse, e);
                continue;
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                if (attempt >= _settings.ConnectRetries)
                    throw new RemoteBackendException($"{ServerName} is unreachable ({OneLine(e.InnerException?.Message ?? e.Message)}) after {attempt + 1} tries", RemoteFailure.Unreachable, e);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 4;
                continue;
            }
            if (response.IsSuccessStatusCode) return response;
            using (response) throw await StatusError(response, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    /// <summary>The request body as UTF-8 JSON, written straight from the JSON tree (no intermediate string).</summary>
    private static ReadOnlyMemory<byte> Utf8Json(JsonObject body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer)) body.WriteTo(writer);
        return buffer.WrittenMemory;
    }

    private async Task<RemoteBackendException> StatusError(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }
        var message = OneLine(LlamaServerApi.ErrorMessage(body.Length > 4000 ? body[..4000] : body));
        var code = (int)response.StatusCode;
        var failure = code >= 500 ? RemoteFailure.ServerError : RemoteFailure.RequestRejected;
        // llama-server answers /infill for a model without FIM tokens with 501 "Infill is not supported by this model".
        if (path == "infill" && response.StatusCode == HttpStatusCode.NotImplemented) failure = RemoteFailure.ModelLacksFim;
        var what = failure == RemoteFailure.ModelLacksFim ? "the server's model has no fill-in-the-middle tokens" : $"HTTP {code} {response.ReasonPhrase}";
        return new RemoteBackendException($"{ServerName} refused /{path}: {what}" + (message.Length > 0 ? $": {message}" : ""), failure);
    }

    private Uri Url(string path)
    {
        var baseUri = _settings.Endpoint.AbsoluteUri.TrimEnd('/');
        // An OpenAI endpoint is often given with its /v1.
        if (path.StartsWith("v1/", StringComparison.Ordinal) && baseUri.EndsWith("/v1", StringComparison.Ordinal)) path = path[3..];
        return new Uri(baseUri + "/" + path);
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (_settings.ApiKeyEnv is { } env && Environment.GetEnvironmentVariable(env) is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A server message as one short line, with the bearer token blanked out should a server echo it.</summary>
    private string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (_settings.ApiKeyEnv is { } env && Environment.GetEnvironmentVariable(env) is { Length: > 0 } token)
            line = line.Replace(token, "***", StringComparison.Ordinal);
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    /// <summary>Asks llama-server for its slots and context size (GET /props); at most every 10 s while it does not answer.</summary>
    private async Task ProbeServerAsync(CancellationToken cancellationToken)
    {
        if (_settings.Api != RemoteApi.LlamaServer || Environment.TickCount64 < Interlocked.Read(ref _nextPropsProbe)) return;
        Interlocked.Exchange(ref _nextPropsProbe, Environment.TickCount64 + 10_000);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var request = new HttpRequestMessage(HttpMethod.Get, Url("props"));
            Authorize(request);
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return;
            var props = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            if (props?["total_slots"]?.GetValue<int>() is > 0 and var slots) _serverSlots = slots;
            if (props?["default_generation_settings"]?["n_ctx"]?.GetValue<int>() is > 0 and var nCtx) _contextSize = nCtx;
            if (Tokenizer is ServerTokenizer server) server.BosEosText = (Text(props?["bos_token"]), Text(props?["eos_token"]));
            _log($"{ServerName}: {_serverSlots} slots of {_contextSize} tokens; one slot per document");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            _log($"{ServerName} did not tell its slots ({OneLine(e.Message)}); requests go to any slot until it does");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _vocabulary?.Dispose();
        return ValueTask.CompletedTask;
    }
}
