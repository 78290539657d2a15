using LlamaCode.Completion.Backends.Tokens;
using System.Collections.Concurrent;
using System.Text;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Backends.Remote.Tokens;

/// <summary>
/// The model's tokens as llama-server's <c>/tokenize</c> gives them, for a backend with no local copy of the vocabulary:
/// exact budgets, and with the server's own FIM tokens found, a prompt of the server's token ids (the same prompt a
/// local vocabulary gives). Built for keystrokes:
/// <list type="bullet">
/// <item>text is tokenized line by line (when the vocabulary never joins a line break to other text in one token, which
/// the server is asked once), and each line's tokens are kept in a cache bounded by its characters, so a keystroke
/// asks the server only for the lines it changed, all in one request;</item>
/// <item>every request has a time limit (<see cref="TokenizeEndpoint.Timeout"/>); when the server does not answer in
/// time, or fails, the text is approximated (<see cref="ApproximateTokenizer"/>, 4 characters per token) for 10 s, the
/// log says so once, and again when the server answers.</item>
/// </list>
/// Ids at or above <see cref="StandInBase"/> are stand-ins (approximated pieces, or FIM tokens the server's were not
/// found for); a prompt holding one goes to llama-server's /infill, which lays out the prompt itself.
/// </summary>
public sealed class ServerTokenizer : ITokenizer
{
    public const int StandInBase = 1 << 30;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    private const long CacheCharacters = 4_000_000;

    private readonly TokenizeEndpoint _endpoint;
    private readonly Action<string> _log;
    private readonly string _serverName;
    private readonly ApproximateTokenizer _approximate = new();
    private readonly ModelInfo _standInInfo;
    private readonly LineTokenCache _lines = new(CacheCharacters);
    private readonly WeightedLru<(string Text, bool AddSpecial, bool ParseSpecial), Token[]> _texts = new(CacheCharacters, (k, _) => k.Text.Length);
    private readonly ConcurrentDictionary<int, byte[]> _pieces = new();
    private readonly Lock _stateGate = new();
    private volatile ServerVocabulary? _vocabulary;
    private volatile ModelInfo? _info;
    private long _retryAt;
    private bool _failing;

    internal ServerTokenizer(TokenizeEndpoint endpoint, string serverName, Action<string> log)
    {
        _endpoint = endpoint;
        _serverName = serverName;
        _log = log;
        var a = _approximate.Info;
        _standInInfo = a with
        {
            Description = "approximated while llama-server's /tokenize does not answer",
            Special = new SpecialTokens(StandIn(a.Special.Bos), StandIn(a.Special.Eos), StandIn(a.Special.Eot),
                StandIn(a.Special.FimPrefix), StandIn(a.Special.FimSuffix), StandIn(a.Special.FimMiddle), Token.None, Token.None, Token.None),
        };
    }

    /// <summary>The texts of the model's BOS and EOS tokens (llama-server's /props bos_token, eos_token), which /tokenize cannot tell.</summary>
    public (string? Bos, string? Eos) BosEosText { get; set; }

    /// <summary>True once the server's vocabulary has been learned.</summary>
    public bool Discovered => _vocabulary is not null;

    /// <summary>True when text is tokenized and cached line by line.</summary>
    public bool ByLine => _vocabulary?.LinesAreSeparate == true;

    /// <summary>True when the server's own FIM tokens were found, so a prompt of this tokenizer can go as token ids.</summary>
    public bool HasServerFim => _vocabulary?.HasServerFim == true;

    public long ServerRequests => _endpoint.Requests;

    public ModelInfo Info => _info ?? _standInInfo;

    /// <summary>True when every token is the server's own (no stand-in): the prompt can go to the server as token ids.</summary>
    public static bool AllServerTokens(IReadOnlyList<Token> tokens)
    {
        foreach (var t in tokens) if (t.Id >= StandInBase || t.IsNone) return false;
        return true;
    }

    /// <summary>
    /// Learns the server's vocabulary now, at backend start, where no keystroke waits: each request may take
    /// <paramref name="limit"/> (a first request, on a loaded machine, can take longer than a keystroke's). False
    /// (approximating until it answers) when the server cannot tell.
    /// </summary>
    public bool TryDiscover(TimeSpan limit) => (_vocabulary ?? Discover(limit)) is not null;

    public Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false)
    {
        var vocabulary = _vocabulary ?? Discover();
        if (vocabulary is null) return Approximate(text, addSpecial, spacePrefix: false);
        // While the server fails, keystrokes do not wait for it.
        if (InRetryWait()) return Approximate(text, addSpecial, vocabulary.SpacePrefix);
        try
        {
            Token[]? tokens = null;
            if (vocabulary.LinesAreSeparate && !parseSpecial)
            {
                tokens = ByLines(vocabulary, text);
                if (tokens is not null && addSpecial) tokens = [.. vocabulary.Head.Select(t => new Token(t.Id)), .. tokens];
            }
            tokens ??= Whole(text, addSpecial, parseSpecial);
            Recovered();
            return tokens;
        }
        catch (TokenizeFailedException e)
        {
            Failed(e);
            return Approximate(text, addSpecial, vocabulary.SpacePrefix);
        }
    }

    public byte[] TokenPiece(Token token, bool renderSpecial = false)
    {
        if (token.Id >= StandInBase) return _approximate.TokenPiece(new Token(token.Id - StandInBase), renderSpecial);
        if (_vocabulary is { } v && v.SpecialPieces.TryGetValue(token.Id, out var special)) return renderSpecial ? special : [];
        return _pieces.TryGetValue(token.Id, out var piece) ? piece : [];
    }

    /// <summary>As llama.cpp's detokenize: the pieces, less the space prefix a SentencePiece tokenizer put in front of the first.</summary>
    public string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false)
    {
        var bytes = new List<byte>();
        bool stripSpace = _vocabulary?.SpacePrefix == true;
        foreach (var t in tokens)
        {
            var piece = TokenPiece(t, renderSpecial);
            bytes.AddRange(stripSpace && t.Id < StandInBase && piece.Length > 0 && piece[0] == (byte)' ' ? piece.AsSpan(1) : piece);
            stripSpace = false;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The tokens of each line: from the cache, else from one request for all the lines missing.</summary>
    private Token[]? ByLines(ServerVocabulary vocabulary, string text)
    {
        var tokens = _lines.Tokenize(text, vocabulary.SpacePrefix, lines => _endpoint.Tokenize(lines, parseSpecial: false), t => _pieces.TryAdd(t.Id, t.Piece));
        if (tokens is null)
        {
            _log($"tokens: {_serverName}'s vocabulary joins line breaks with the text after them; tokenizing whole texts from now on");
            _vocabulary = vocabulary with { LinesAreSeparate = false };
        }
        return tokens;
    }

    /// <summary>A whole text in one request (a vocabulary that joins lines, or special tokens parsed), cached by text.</summary>
    private Token[] Whole(string text, bool addSpecial, bool parseSpecial)
    {
        var key = (text, addSpecial, parseSpecial);
        if (_texts.TryGet(key, out var cached)) return cached;
        var tokens = Remember(_endpoint.Tokenize([text], parseSpecial, addSpecial));
        _texts.Set(key, tokens);
        return tokens;
    }

    private Token[] Remember(IReadOnlyList<ServerToken> tokens)
    {
        var result = new Token[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            _pieces.TryAdd(tokens[i].Id, tokens[i].Piece);
            result[i] = new Token(tokens[i].Id);
        }
        return result;
    }

    /// <summary>
    /// Stand-in tokens (4 characters each) in the shape the server's would have: its space prefix as a token of its own
    /// and the first character alone, so that a sentinel in front of a text stays a token prefix of the text's tokens,
    /// as the prompt builder's space-prefix handling expects of a real tokenizer.
    /// </summary>
    private Token[] Approximate(string text, bool addSpecial, bool spacePrefix)
    {
        var tokens = new List<Token>();
        if (addSpecial)
        {
            if (_vocabulary is { } v) tokens.AddRange(v.Head.Select(t => new Token(t.Id)));
            else tokens.Add(_standInInfo.Special.Bos);
        }
        if (text.Length > 0)
        {
            if (spacePrefix) tokens.AddRange(_approximate.Tokenize(" ").Select(StandIn));
            int first = char.IsHighSurrogate(text[0]) && text.Length > 1 ? 2 : 1;
            tokens.AddRange(_approximate.Tokenize(text[..first]).Select(StandIn));
            tokens.AddRange(_approximate.Tokenize(text[first..]).Select(StandIn));
        }
        return tokens.ToArray();
    }

    private static Token StandIn(Token t) => t.IsNone ? t : new Token(StandInBase + t.Id);

    /// <summary>Learns the server's vocabulary (one caller at a time; not again within 10 s of a failure); null when the server cannot tell.</summary>
    private ServerVocabulary? Discover(TimeSpan? limit = null)
    {
        lock (_stateGate)
        {
            if (_vocabulary is { } known) return known;
            if (InRetryWait()) return null;
        }
        try
        {
            var learned = ServerVocabulary.Discover(_endpoint, BosEosText.Bos, BosEosText.Eos, limit);
            lock (_stateGate)
            {
                if (_vocabulary is { } other) return other;
                _info = InfoOf(learned);
                _vocabulary = learned;
            }
            Recovered();
            return learned;
        }
        catch (TokenizeFailedException e)
        {
            Failed(e);
            return null;
        }
    }

    private bool InRetryWait() => Volatile.Read(ref _failing) && Environment.TickCount64 < Interlocked.Read(ref _retryAt);

    private void Failed(TokenizeFailedException e)
    {
        Interlocked.Exchange(ref _retryAt, Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds);
        lock (_stateGate)
        {
            if (_failing) return;
            _failing = true;
        }
        _log($"tokens: {_serverName} {e.Message}; approximating ({ApproximateTokenizer.CharactersPerToken} characters per token) until it answers");
    }

    private void Recovered()
    {
        if (!Volatile.Read(ref _failing)) return;
        lock (_stateGate)
        {
            if (!_failing) return;
            _failing = false;
        }
        _log($"tokens: {_serverName}'s /tokenize answers again; exact tokens");
    }

    /// <summary>The server's special tokens where found; Code Llama's stand-ins for FIM tokens it lacks (the prompt then goes to /infill).</summary>
    private ModelInfo InfoOf(ServerVocabulary v)
    {
        var found = v.Special;
        var standIn = _standInInfo.Special;
        return _standInInfo with
        {
            Description = $"the vocabulary of {_serverName}, through /tokenize",
            Architecture = "llama-server /tokenize",
            AddsBos = v.Head.Length > 0,
            Special = found.HasFim ? found : found with { FimPrefix = standIn.FimPrefix, FimSuffix = standIn.FimSuffix, FimMiddle = standIn.FimMiddle },
        };
    }
}
