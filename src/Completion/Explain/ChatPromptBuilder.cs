using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Explain;

/// <summary>
/// Instruction prompts as token ids, formatted by the model's own chat template (or Code Llama - Instruct's Llama 2
/// format when the GGUF has none). Message contents are tokenized as plain text, so text in a document such as
/// "&lt;/s&gt;" or "[INST]" can never become a control token or a turn marker; only the template's own markup is
/// tokenized with special tokens.
/// </summary>
public static class ChatPromptBuilder
{
    /// <summary>llama.cpp's name of the Llama 2 chat format with a system prompt, which Code Llama - Instruct uses.</summary>
    public const string FallbackTemplate = "llama2-sys";

    public static Token[] Build(LlamaModel model, string system, string user)
    {
        // Format with placeholders, then tokenize the markup and the contents separately.
        var systemMark = $"\u0001SYS{Guid.NewGuid():N}\u0001";
        var userMark = $"\u0001USR{Guid.NewGuid():N}\u0001";
        var template = model.Info.ChatTemplate ?? FallbackTemplate;
        var formatted = model.ApplyChatTemplate([("system", systemMark), ("user", userMark)], addAssistant: true, template)
            ?? model.ApplyChatTemplate([("system", systemMark), ("user", userMark)], addAssistant: true, FallbackTemplate)
            ?? throw new InvalidOperationException("llama.cpp knows neither the model's chat template nor the Llama 2 format");

        var encoder = new PromptTextEncoder(model);
        var tokens = new List<Token>();
        if (model.Info.AddsBos && !formatted.StartsWith("<s>", StringComparison.Ordinal)) tokens.Add(model.Info.Special.Bos);
        var rest = formatted;
        foreach (var (mark, content) in new[] { (systemMark, system), (userMark, user) })
        {
            var at = rest.IndexOf(mark, StringComparison.Ordinal);
            if (at < 0) throw new InvalidOperationException($"the chat template dropped a message ({template})");
            // As the whole prompt would be tokenized: only its first piece gets the tokenizer's leading space.
            var markup = rest[..at];
            tokens.AddRange(tokens.Count <= 1 ? model.Tokenize(markup, parseSpecial: true) : encoder.EncodeContinuation(markup, parseSpecial: true));
            tokens.AddRange(encoder.EncodeContinuation(content));
            rest = rest[(at + mark.Length)..];
        }
        tokens.AddRange(encoder.EncodeContinuation(rest, parseSpecial: true));
        return tokens.ToArray();
    }

    /// <summary>
    /// Code Llama - Instruct's Llama 2 format as plain text, for a remote model whose vocabulary and template this
    /// process does not have: the server tokenizes it (its BOS included).
    /// </summary>
    public static Token[] BuildLlama2Text(ITokenizer tokenizer, string system, string user) =>
        tokenizer.Tokenize($"[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user.Trim()} [/INST]");
}
