using System.Runtime.InteropServices;
using System.Text;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Native;
using LlamaCode.Engine.Probe;

namespace LlamaCode.Engine.Model;

/// <summary>Options for loading a model file.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>Layers to offload to the GPU (0 = CPU only, -1 = all). Ignored when no GPU backend is loaded.</summary>
    public int GpuLayers { get; init; }

    /// <summary>The first-load probe (a sacrificial child process); null loads without one (tests, the probe child itself).</summary>
    public ModelProbe? Probe { get; init; }

    /// <summary>Loads only the vocabulary (llama.cpp's vocab_only): tokenizer and metadata, no weights, no contexts.</summary>
    public bool VocabOnly { get; init; }
}

/// <summary>
/// A GGUF model loaded (memory-mapped) into llama.cpp, and its tokenizer.
/// Thread-safe for tokenization; contexts are created by the engine.
/// </summary>
public sealed unsafe class LlamaModel : ITokenizer, IDisposable
{
    /// <summary>The model's handle. Its vocabulary is reached only through <see cref="LeaseVocab"/>: no raw pointer is kept.</summary>
    internal SafeLlamaModelHandle Handle { get; }
    public ModelInfo Info { get; }

    private LlamaModel(SafeLlamaModelHandle handle, string path)
    {
        Handle = handle;
        Info = ReadInfo(path);
    }

    /// <summary>The vocabulary pointer with a reference held on the model until the lease is disposed.</summary>
    internal VocabLease LeaseVocab() => new(Handle);

    /// <summary>
    /// Loads a model after validating the file in managed code (<see cref="ModelFileCheck"/>), so that a corrupt or
    /// hostile file gives <see cref="InvalidModelFileException"/> instead of ending the process inside llama.cpp.
    /// </summary>
    public static LlamaModel Load(string path, ModelLoadOptions? options = null)
    {
        var fullPath = Path.GetFullPath(path);
        ModelFileCheck.Validate(fullPath);
        return LoadWithoutChecks(fullPath, options ?? new ModelLoadOptions());
    }

    /// <summary>llama.cpp's load alone: for a file already checked, and for the probe child.</summary>
    internal static LlamaModel LoadWithoutChecks(string fullPath, ModelLoadOptions options)
    {
        NativeRuntime.EnsureInitialized();
        var parameters = LlamaApi.llama_model_default_params();
        parameters.n_gpu_layers = options.GpuLayers;
        var mark = NativeLog.ErrorMark;
        parameters.vocab_only = options.VocabOnly ? (byte)1 : (byte)0;
        var raw = LlamaApi.llama_model_load_from_file(fullPath, parameters);
        if (raw == IntPtr.Zero)
            throw new InvalidModelFileException(fullPath, LoadFailure(NativeLog.ErrorsSince(mark)));
        var handle = new SafeLlamaModelHandle(raw);
        try
        {
            return new LlamaModel(handle, fullPath);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>llama.cpp's reason, from the "error loading model: ..." line it logs.</summary>
    internal static string LoadFailure(IReadOnlyList<string> errors)
    {
        const string marker = "error loading model: ";
        var reason = errors.Select(e => e.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? e[(at + marker.Length)..].Trim() : null)
            .FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? errors.FirstOrDefault();
        return reason is null ? "llama.cpp could not load it (see the log for the reason)" : $"llama.cpp could not load it: {reason}";
    }

    private ModelInfo ReadInfo(string path)
    {
        Token T(int id) => id < 0 ? Token.None : new Token(id);
        SpecialTokens special;
        int vocabularySize;
        bool addsBos;
        using (var lease = LeaseVocab())
        {
            var vocab = lease.Pointer;
            special = new SpecialTokens(
                T(LlamaApi.llama_vocab_bos(vocab)), T(LlamaApi.llama_vocab_eos(vocab)), T(LlamaApi.llama_vocab_eot(vocab)),
                T(LlamaApi.llama_vocab_fim_pre(vocab)), T(LlamaApi.llama_vocab_fim_suf(vocab)), T(LlamaApi.llama_vocab_fim_mid(vocab)),
                T(LlamaApi.llama_vocab_fim_pad(vocab)), T(LlamaApi.llama_vocab_fim_rep(vocab)),
                T(LlamaApi.llama_vocab_fim_sep(vocab)));
            vocabularySize = LlamaApi.llama_vocab_n_tokens(vocab);
            addsBos = LlamaApi.llama_vocab_get_add_bos(vocab) != 0;
        }
        if (special.FimSeparator.IsNone) special = special with { FimSeparator = SpecialTokenSpelled(CodeGemmaFileSeparator) };

        var descBuf = stackalloc byte[256];
        var descLen = LlamaApi.llama_model_desc(Handle, descBuf, 256);
        var template = LlamaApi.llama_model_chat_template(Handle, null);

        return new ModelInfo(
            path,
            MetaString("general.architecture") ?? "unknown",
            descLen > 0 ? Encoding.UTF8.GetString(descBuf, Math.Min(descLen, 255)) : string.Empty,
            LlamaApi.llama_model_n_ctx_train(Handle),
            vocabularySize,
            LlamaApi.llama_model_n_embd(Handle),
            LlamaApi.llama_model_n_layer(Handle),
            LlamaApi.llama_model_n_params(Handle),
            LlamaApi.llama_model_size(Handle),
            addsBos,
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
    public bool IsEndOfGeneration(Token token)
    {
        using var vocab = LeaseVocab();
        return LlamaApi.llama_vocab_is_eog(vocab.Pointer, token.Id) != 0 || token == Info.Special.FimSeparator;
    }

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
        using var lease = LeaseVocab();
        var vocab = lease.Pointer;
        fixed (byte* pText = bytes)
        fixed (int* pIds = ids)
            n = LlamaApi.llama_tokenize(vocab, pText, bytes.Length, pIds, capacity, B(addSpecial), B(parseSpecial));
        if (n < 0)
        {
            ids = new int[-n];
            fixed (byte* pText = bytes)
            fixed (int* pIds = ids)
                n = LlamaApi.llama_tokenize(vocab, pText, bytes.Length, pIds, ids.Length, B(addSpecial), B(parseSpecial));
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
        using var lease = LeaseVocab();
        var vocab = lease.Pointer;
        fixed (byte* p = buf) n = LlamaApi.llama_token_to_piece(vocab, token.Id, p, buf.Length, 0, B(renderSpecial));
        if (n >= 0) return buf[..n].ToArray();
        var big = new byte[-n];
        fixed (byte* p = big) n = LlamaApi.llama_token_to_piece(vocab, token.Id, p, big.Length, 0, B(renderSpecial));
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
        using var lease = LeaseVocab();
        var vocab = lease.Pointer;
        fixed (int* pIds = ids)
        {
            fixed (byte* p = buf) n = LlamaApi.llama_detokenize(vocab, pIds, ids.Length, p, buf.Length, 0, B(renderSpecial));
            if (n < 0)
            {
                buf = new byte[-n];
                fixed (byte* p = buf) n = LlamaApi.llama_detokenize(vocab, pIds, ids.Length, p, buf.Length, 0, B(renderSpecial));
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
