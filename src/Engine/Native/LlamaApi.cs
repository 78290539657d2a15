using System.Runtime.InteropServices;

namespace LlamaCode.Engine.Native;

/// <summary>
/// The C API of llama.cpp (llama.h) and the few ggml calls we need, in one place.
/// Library names are logical; <see cref="NativeLibraryResolver"/> maps them to files.
/// </summary>
internal static unsafe partial class LlamaApi
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";

    // --- backend ---
    [LibraryImport(Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string dirPath);

    [LibraryImport(Ggml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(Ggml)]
    public static partial nuint ggml_backend_reg_count();

    [LibraryImport(Ggml)]
    public static partial IntPtr ggml_backend_reg_get(nuint index);

    [LibraryImport(Ggml)]
    public static partial byte* ggml_backend_reg_name(IntPtr reg);

    // In libggml-base, which libggml depends on (dlsym searches a library's dependencies).
    [LibraryImport(Ggml)]
    public static partial byte* ggml_version();

    [LibraryImport(Ggml)]
    public static partial byte* ggml_commit();

    [LibraryImport(Llama)]
    public static partial void llama_backend_init();

    [LibraryImport(Llama)]
    public static partial void llama_log_set(delegate* unmanaged<int, byte*, void*, void> callback, void* userData);

    [LibraryImport(Llama)]
    public static partial byte llama_supports_gpu_offload();

    [LibraryImport(Llama)]
    public static partial byte* llama_print_system_info();

    // --- model ---
    [LibraryImport(Llama)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_model_load_from_file(string path, LlamaModelParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_model_free(IntPtr model);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_model_get_vocab(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_embd(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_layer(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_size(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buf, nuint bufSize);

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_model_meta_val_str(SafeLlamaModelHandle model, string key, byte* buf, nuint bufSize);

    [LibraryImport(Llama)]
    public static partial byte* llama_model_chat_template(SafeLlamaModelHandle model, byte* name);

    // --- vocabulary (the vocab pointer lives as long as its model) ---
    [LibraryImport(Llama)]
    public static partial int llama_vocab_n_tokens(IntPtr vocab);

    [LibraryImport(Llama)] public static partial int llama_vocab_bos(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_eos(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_eot(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_fim_pre(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_fim_suf(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_fim_mid(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_fim_pad(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_fim_rep(IntPtr vocab);
    [LibraryImport(Llama)] public static partial int llama_vocab_fim_sep(IntPtr vocab);
    [LibraryImport(Llama)] public static partial byte llama_vocab_get_add_bos(IntPtr vocab);
    [LibraryImport(Llama)] public static partial byte llama_vocab_is_eog(IntPtr vocab, int token);

    [LibraryImport(Llama)]
    public static partial int llama_tokenize(IntPtr vocab, byte* text, int textLen, int* tokens, int maxTokens, byte addSpecial, byte parseSpecial);

    [LibraryImport(Llama)]
    public static partial int llama_token_to_piece(IntPtr vocab, int token, byte* buf, int length, int lstrip, byte special);

    [LibraryImport(Llama)]
    public static partial int llama_detokenize(IntPtr vocab, int* tokens, int nTokens, byte* text, int textLenMax, byte removeSpecial, byte unparseSpecial);

    [LibraryImport(Llama)]
    public static partial int llama_chat_apply_template(byte* tmpl, LlamaChatMessage* chat, nuint nMsg, byte addAssistant, byte* buf, int length);

    // --- context ---
    [LibraryImport(Llama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_free(IntPtr context);

    [LibraryImport(Llama)] public static partial uint llama_n_ctx(SafeLlamaContextHandle context);
    [LibraryImport(Llama)] public static partial uint llama_n_ctx_seq(SafeLlamaContextHandle context);
    [LibraryImport(Llama)] public static partial uint llama_n_batch(SafeLlamaContextHandle context);
    [LibraryImport(Llama)] public static partial uint llama_n_ubatch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial void llama_set_abort_callback(SafeLlamaContextHandle context, delegate* unmanaged<void*, byte> callback, void* data);

    [LibraryImport(Llama)]
    public static partial LlamaPerfContextData llama_perf_context(SafeLlamaContextHandle context);

    // --- memory (KV cache) ---
    [LibraryImport(Llama)]
    public static partial IntPtr llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial byte llama_memory_seq_rm(IntPtr memory, int seqId, int p0, int p1);

    [LibraryImport(Llama)]
    public static partial int llama_memory_seq_pos_max(IntPtr memory, int seqId);

    [LibraryImport(Llama)]
    public static partial void llama_memory_seq_cp(IntPtr memory, int seqIdSrc, int seqIdDst, int p0, int p1);

    [LibraryImport(Llama)]
    public static partial void llama_memory_seq_add(IntPtr memory, int seqId, int p0, int p1, int delta);

    [LibraryImport(Llama)]
    public static partial byte llama_memory_can_shift(IntPtr memory);

    [LibraryImport(Llama)]
    public static partial void llama_memory_clear(IntPtr memory, byte data);

    // --- decoding ---
    [LibraryImport(Llama)]
    public static partial LlamaBatch llama_batch_init(int nTokens, int embd, int nSeqMax);

    [LibraryImport(Llama)]
    public static partial void llama_batch_free(LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial float* llama_get_logits_ith(SafeLlamaContextHandle context, int i);

    // --- sampling ---
    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, IntPtr sampler);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_free(IntPtr sampler);

    [LibraryImport(Llama)] public static partial IntPtr llama_sampler_init_greedy();
    [LibraryImport(Llama)] public static partial IntPtr llama_sampler_init_dist(uint seed);
    [LibraryImport(Llama)] public static partial IntPtr llama_sampler_init_top_k(int k);
    [LibraryImport(Llama)] public static partial IntPtr llama_sampler_init_top_p(float p, nuint minKeep);
    [LibraryImport(Llama)] public static partial IntPtr llama_sampler_init_min_p(float p, nuint minKeep);
    [LibraryImport(Llama)] public static partial IntPtr llama_sampler_init_temp(float t);
    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_penalties(int nVocab, int penaltyLastN, float penaltyRepeat, float penaltyFreq, float penaltyPresent);

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_sampler_init_grammar(IntPtr vocab, string grammar, string root);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_logit_bias(int nVocab, int nLogitBias, LlamaLogitBias* logitBias);

    [LibraryImport(Llama)]
    public static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int idx);
}

[StructLayout(LayoutKind.Sequential)]
internal struct LlamaLogitBias
{
    public int token;
    public float bias;
}
