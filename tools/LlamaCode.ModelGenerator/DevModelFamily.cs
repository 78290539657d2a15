namespace LlamaCode.ModelGenerator;

/// <summary>Code model families whose tokenizer a generated dev model copies: tokenizer type, special token texts and FIM tokens.</summary>
public enum DevModelFamily
{
    /// <summary>SentencePiece with ▁&lt;PRE&gt; ▁&lt;SUF&gt; ▁&lt;MID&gt; ▁&lt;EOT&gt;: the default dev models.</summary>
    CodeLlama,
    /// <summary>Byte-level BPE ("starcoder" pre-tokenizer) with &lt;fim_prefix&gt;, &lt;fim_pad&gt;, &lt;repo_name&gt;, &lt;file_sep&gt;.</summary>
    StarCoder2,
    /// <summary>Byte-level BPE ("deepseek-coder") with &lt;｜fim▁begin｜&gt; &lt;｜fim▁hole｜&gt; &lt;｜fim▁end｜&gt;.</summary>
    DeepSeekCoder,
    /// <summary>Byte-level BPE ("qwen2") with &lt;|fim_prefix|&gt; ... &lt;|fim_pad|&gt; &lt;|repo_name|&gt; &lt;|file_sep|&gt;.</summary>
    Qwen25Coder,
    /// <summary>SentencePiece without a space prefix, with &lt;|fim_prefix|&gt; ... &lt;|file_separator|&gt;.</summary>
    CodeGemma,
    /// <summary>Code Llama's SentencePiece vocabulary without any FIM token, like a base Llama 2.</summary>
    NoFim,
}

/// <summary>How a generated model tells llama.cpp which tokens are its FIM tokens.</summary>
public enum FimTokenIds
{
    /// <summary>tokenizer.ggml.fim_*_token_id keys for every FIM token the family has.</summary>
    InMetadata,
    /// <summary>No keys: llama.cpp recognises the tokens by their text, as it must for most converted models.</summary>
    ByTokenText,
}
