using LlamaCode.Completion.Backends.Tokens;
namespace LlamaCode.Completion.Backends.Remote.Tokens;

/// <summary>
/// How the model families spell their FIM and end-of-turn tokens: the texts llama.cpp itself recognises them by
/// (llama-vocab.cpp) plus the ones our supported families use. /tokenize tells no token ids, so the server's are found by
/// these spellings.
/// </summary>
internal static class KnownSpecialTokens
{
    public static readonly string[] Eot = ["<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>", "▁<EOT>", "<｜end▁of▁sentence｜>"];
    public static readonly string[] FimPrefix = ["<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"];
    public static readonly string[] FimSuffix = ["<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"];
    public static readonly string[] FimMiddle = ["<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"];
    public static readonly string[] FimPad = ["<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>"];
    public static readonly string[] FimRepo = ["<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>", "<repo_name>"];
    public static readonly string[] FimSeparator = ["<|file_sep|>", "<file_sep>", "<|file_separator|>"];

    public static IEnumerable<string> All => Eot.Concat(FimPrefix).Concat(FimSuffix).Concat(FimMiddle).Concat(FimPad).Concat(FimRepo).Concat(FimSeparator).Distinct();
}
