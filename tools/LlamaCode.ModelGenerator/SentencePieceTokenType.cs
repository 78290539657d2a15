namespace LlamaCode.ModelGenerator;

/// <summary>Token types as stored in <c>tokenizer.ggml.token_type</c> (llama.cpp's llama_token_type).</summary>
public enum SentencePieceTokenType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
