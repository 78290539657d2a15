using System.Runtime.InteropServices;
using System.Text;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Native;

namespace LlamaCode.Engine.Model;

/// <summary>Options for loading a model file.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Layers to offload to the GPU (0 = CPU only, -1 = all). Ignored when no GPU backend is loaded.</summary>
    public int GpuLayers { get; init; }

    /// <summary>Loads only the vocabulary (llama.cpp's vocab_only): tokenizer and metadata, no weights, no contexts.</summary>
    public bool VocabOnly { get; init; }
}

/// <summary>
/// A GGUF model loaded (memory-mapped) into llama.cpp, and its tokenizer.
/// Thread-safe for tokenization; contexts are created by the engine.
/// </summary>
public sealed unsafe class LlamaModel : ITokenizer, IDisposable
{
    internal SafeLlamaModelHandle Handle { get; }
    internal IntPtr Vocab { get; }
    public ModelInfo Info { get; }

    private LlamaModel(SafeLlamaModelHandle handle, string path)
    {
        Handle = handle;
        Vocab = LlamaApi.llama_model_get_vocab(handle);
        Info = ReadInfo(path);
    }

    /// <summary>
    /// Loads a model after validating the file in managed code, so that a corrupt or hostile file gives
    /// <see cref="InvalidModelFileException"/> instead of crashing the process inside llama.cpp's parser.
    /// </summary>
    public static LlamaModel Load(string path, ModelLoadOptions? options = null)
    {
        options ??= new ModelLoadOptions();
        var fullPath = Path.GetFullPath(path);
        ModelFileCheck.Validate(fullPath);
        NativeRuntime.EnsureInitialized();

        var parameters = LlamaApi.llama_model_default_params();
        parameters.n_gpu_layers = options.GpuLayers;
        parameters.vocab_only = options.VocabOnly ? (byte)1 : (byte)0;
        var raw = LlamaApi.llama_model_load_from_file(fullPath, parameters);
        if (raw == IntPtr.Zero)
            throw new InvalidModelFileException(fullPath, "llama.cpp could not load it (see the log for the reason)");
        return new LlamaModel(new SafeLlamaModelHandle(raw), fullPath);
    }

    private ModelInfo ReadInfo(string path)
    {
        Token T(int id) => id < 0 ? Token.None : new Token(id);
        var special = new SpecialTokens(
            T(LlamaApi.llama_vocab_bos(Vocab)), T(LlamaApi.llama_vocab_eos(Vocab)), T(LlamaApi.llama_vocab_eot(Vocab)),
            T(LlamaApi.llama_vocab_fim_pre(Vocab)), T(LlamaApi.llama_vocab_fim_suf(Vocab)), T(LlamaApi.llama_vocab_fim_mid(Vocab)),
            T(LlamaApi.llama_vocab_fim_pad(Vocab)), T(LlamaApi.llama_vocab_fim_rep(Vocab)),
            T(LlamaApi.llama_vocab_fim_sep(Vocab)) is { IsNone: false } separator ? separator : SpecialTokenSpelled(CodeGemmaFileSeparator));

        var descBuf = stackalloc byte[256];
        var descLen = LlamaApi.llama_model_desc(Handle, descBuf, 256);
        var template = LlamaApi.llama_model_chat_template(Handle, null);

        return new ModelInfo(
            path,
            MetaString("general.architecture") ?? "unknown",
            descLen > 0 ? Encoding.UTF8.GetString(descBuf, Math.Min(descLen, 255)) : string.Empty,
            LlamaApi.llama_model_n_ctx_train(Handle),
            LlamaApi.llama_vocab_n_tokens(Vocab),
            LlamaApi.llama_model_n_embd(Handle),
            LlamaApi.llama_model_n_layer(Handle),
            LlamaApi.llama_model_n_params(Handle),
            LlamaApi.llama_model_size(Handle),
            LlamaApi.llama_vocab_get_add_bos(Vocab) != 0,
            special,
            template == null ? null : Marshal.PtrToStringUTF8((IntPtr)template));
    }

    // CodeGemma ends an infill with it, but its converted GGUFs name no FIM ids and llama.cpp's detection by text
    // knows only "<|file_sep|>".
    private const string CodeGemmaFileSeparator = "<|file_separator|>";

    /// <summary>The special token whose text is <paramref name="text"/>, or none when no special token is.</summary>
    private Token SpecialTokenSpelled(string text)
    {
        var special = Tokenize(text, parseSpecial: true);
        if (special.Length != 1) return Token.None;
        // A token that the text gives without parsing special tokens is an ordinary (or user-defined) one.
        return Tokenize(text) is [var asText] && asText == special[0] ? Token.None : special[0];
    }

    /// <summary>A metadata value of the GGUF as text, or null when the key is absent.</summary>
    public string? MetaString(string key)
    {
        var len = LlamaApi.llama_model_meta_val_str(Handle, key, null, 0);
        if (len < 0) return null;
        var buf = new byte[len + 1];
        fixed (byte* p = buf) LlamaApi.llama_model_meta_val_str(Handle, key, p, (nuint)buf.Length);
        return Encoding.UTF8.GetString(buf, 0, len);
    }

    /// <summary>
    /// llama.cpp's end-of-generation tokens (EOS, EOT, and the FIM pad, repo and file separator tokens it knows), and
    /// a file separator found only by <see cref="SpecialTokenSpelled"/>.
    /// </summary>
    public bool IsEndOfGeneration(Token token) =>
        LlamaApi.llama_vocab_is_eog(Vocab, token.Id) != 0 || token == Info.Special.FimSeparator;

    private byte[][]? _pieces;

    /// <summary>The piece of every token of the vocabulary (special tokens not rendered), read once.</summary>
    public IReadOnlyList<byte[]> Pieces => _pieces ??= Enumerable.Range(0, Info.VocabularySize).Select(id => TokenPiece(new Token(id))).ToArray();

    public bool IsValid(Token token) => token.Id >= 0 && token.Id < Info.VocabularySize;

    public Token[] Tokenize(string text, bool addSpecial = false, bool parseSpecial = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // A token covers at least one byte, plus BOS/EOS when special tokens are added.
        var capacity = bytes.Length + 4;
        var ids = new int[capacity];
        int n;
        fixed (byte* pText = bytes)
        fixed (int* pIds = ids)
            n = LlamaApi.llama_tokenize(Vocab, pText, bytes.Length, pIds, capacity, B(addSpecial), B(parseSpecial));
        if (n < 0)
        {
            ids = new int[-n];
            fixed (byte* pText = bytes)
            fixed (int* pIds = ids)
                n = LlamaApi.llama_tokenize(Vocab, pText, bytes.Length, pIds, ids.Length, B(addSpecial), B(parseSpecial));
            if (n < 0) throw new InvalidOperationException($"llama_tokenize failed ({n}) for a text of {bytes.Length} bytes");
        }
        var tokens = new Token[n];
        for (var i = 0; i < n; i++) tokens[i] = new Token(ids[i]);
        return tokens;
    }

    public byte[] TokenPiece(Token token, bool renderSpecial = false)
    {
        if (!IsValid(token)) throw new ArgumentOutOfRangeException(nameof(token), token.Id, $"token id outside the vocabulary (0..{Info.VocabularySize - 1})");
        Span<byte> buf = stackalloc byte[64];
        int n;
        fixed (byte* p = buf) n = LlamaApi.llama_token_to_piece(Vocab, token.Id, p, buf.Length, 0, B(renderSpecial));
        if (n >= 0) return buf[..n].ToArray();
        var big = new byte[-n];
        fixed (byte* p = big) n = LlamaApi.llama_token_to_piece(Vocab, token.Id, p, big.Length, 0, B(renderSpecial));
        return big[..n];
    }

    public string Detokenize(ReadOnlySpan<Token> tokens, bool renderSpecial = false)
    {
        if (tokens.IsEmpty) return string.Empty;
        foreach (var t in tokens)
            if (!IsValid(t)) throw new ArgumentOutOfRangeException(nameof(tokens), t.Id, "token id outside the vocabulary");
        var ids = MemoryMarshal.Cast<Token, int>(tokens);
        var buf = new byte[tokens.Length * 8 + 16];
        int n;
        fixed (int* pIds = ids)
        {
            fixed (byte* p = buf) n = LlamaApi.llama_detokenize(Vocab, pIds, ids.Length, p, buf.Length, 0, B(renderSpecial));
            if (n < 0)
            {
                buf = new byte[-n];
                fixed (byte* p = buf) n = LlamaApi.llama_detokenize(Vocab, pIds, ids.Length, p, buf.Length, 0, B(renderSpecial));
            }
        }
        return Encoding.UTF8.GetString(buf, 0, n);
    }

    /// <summary>Formats chat messages with the model's template (or the named built-in one); null when unsupported.</summary>
    public string? ApplyChatTemplate(IReadOnlyList<(string Role, string Content)> messages, bool addAssistant, string? template = null)
    {
        template ??= Info.ChatTemplate;
        if (template == null) return null;
        var pins = new List<GCHandle>();
        try
        {
            byte* Pin(string s)
            {
                var bytes = Encoding.UTF8.GetBytes(s + "\0");
                var h = GCHandle.Alloc(bytes, GCHandleType.Pinned);
                pins.Add(h);
                return (byte*)h.AddrOfPinnedObject();
            }
            var chat = new LlamaChatMessage[messages.Count];
            var total = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                chat[i] = new LlamaChatMessage { role = Pin(messages[i].Role), content = Pin(messages[i].Content) };
                total += messages[i].Content.Length + messages[i].Role.Length;
            }
            var tmpl = Pin(template);
            var buf = new byte[Math.Max(256, total * 2 + 512)];
            fixed (LlamaChatMessage* pChat = chat)
            {
                int n;
                fixed (byte* p = buf) n = LlamaApi.llama_chat_apply_template(tmpl, pChat, (nuint)chat.Length, B(addAssistant), p, buf.Length);
                if (n < 0) return null;
                if (n > buf.Length)
                {
                    buf = new byte[n];
                    fixed (byte* p = buf) n = LlamaApi.llama_chat_apply_template(tmpl, pChat, (nuint)chat.Length, B(addAssistant), p, buf.Length);
                }
                return Encoding.UTF8.GetString(buf, 0, n);
            }
        }
        finally
        {
            foreach (var h in pins) h.Free();
        }
    }

    private static byte B(bool value) => value ? (byte)1 : (byte)0;

    public void Dispose() => Handle.Dispose();
}
