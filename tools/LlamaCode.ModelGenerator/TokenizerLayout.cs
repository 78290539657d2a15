namespace LlamaCode.ModelGenerator;

/// <summary>The texts of a family's FIM tokens; null where the family has no token of that role.</summary>
public sealed record FimTokenTexts(string Prefix, string Suffix, string Middle, string? Pad = null, string? Repo = null, string? Separator = null);

/// <summary>
/// A family's tokenizer as its GGUF conversion writes it: tokenizer type, the control tokens before and after the
/// text pieces (in id order), which of them are BOS, EOS, unknown and EOT, and the FIM tokens. Ids are not the
/// real ones (the vocabulary is tiny), but texts, types and the keys written are.
/// </summary>
/// <param name="PreTokenizer">tokenizer.ggml.pre of a byte-level BPE tokenizer; null for SentencePiece.</param>
/// <param name="WrittenEot">The EOT token when the conversion writes its id (else llama.cpp finds it by text).</param>
/// <param name="WritesLegacyFimKeys">Also write the deprecated prefix/suffix/middle_token_id keys, as old Code Llama conversions did.</param>
internal sealed record TokenizerLayout(
    string? PreTokenizer,
    string[] LeadingControls,
    string[] TrailingControls,
    string Bos,
    string Eos,
    string? Unknown,
    string? WrittenEot,
    FimTokenTexts? Fim,
    bool AddBos,
    bool? AddSpacePrefix = null,
    bool WritesLegacyFimKeys = false)
{
    public bool BytePairEncoding => PreTokenizer is not null;

    public static TokenizerLayout For(DevModelFamily family) => family switch
    {
        DevModelFamily.CodeLlama => CodeLlama,
        DevModelFamily.NoFim => CodeLlama with
        {
            TrailingControls = [], WrittenEot = null, Fim = null, WritesLegacyFimKeys = false,
        },
        DevModelFamily.CodeGemma => new(null,
            ["<pad>", "<eos>", "<bos>", "<unk>"],
            ["<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|file_separator|>", "<start_of_turn>", "<end_of_turn>"],
            "<bos>", "<eos>", "<unk>", "<end_of_turn>",
            new("<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", Separator: "<|file_separator|>"),
            AddBos: true, AddSpacePrefix: false),
        DevModelFamily.StarCoder2 => new("starcoder",
            ["<|endoftext|>", "<fim_prefix>", "<fim_middle>", "<fim_suffix>", "<fim_pad>", "<repo_name>", "<file_sep>"],
            [],
            "<|endoftext|>", "<|endoftext|>", null, null,
            new("<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<fim_pad>", "<repo_name>", "<file_sep>"),
            AddBos: false),
        DevModelFamily.DeepSeekCoder => new("deepseek-coder",
            [],
            ["<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜fim▁hole｜>", "<｜fim▁begin｜>", "<｜fim▁end｜>", "<pad>"],
            "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", null, null,
            new("<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>"),
            AddBos: true),
        // The chat tokens (<|im_start|>, <|im_end|>) are left out: llama.cpp would pick either <|im_end|> or
        // <|endoftext|> as EOT, depending on hash order.
        DevModelFamily.Qwen25Coder => new("qwen2",
            [],
            ["<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>"],
            "<|endoftext|>", "<|endoftext|>", null, null,
            new("<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>"),
            AddBos: false),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    // llama.cpp's EOT auto-detection looks for "<EOT>", not Code Llama's "▁<EOT>", so its id is written.
    private static readonly TokenizerLayout CodeLlama = new(null,
        ["<unk>", "<s>", "</s>"],
        [DevVocabulary.SpaceMark + "<PRE>", DevVocabulary.SpaceMark + "<SUF>", DevVocabulary.SpaceMark + "<MID>", DevVocabulary.SpaceMark + "<EOT>"],
        "<s>", "</s>", "<unk>", DevVocabulary.SpaceMark + "<EOT>",
        new(DevVocabulary.SpaceMark + "<PRE>", DevVocabulary.SpaceMark + "<SUF>", DevVocabulary.SpaceMark + "<MID>"),
        AddBos: true, WritesLegacyFimKeys: true);
}
