using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>The vocabulary: tokenizer kind, token list, byte tokens, BPE merges.</summary>
internal static class HostileTokenizerCases
{
    private const string Tokens = "tokenizer.ggml.tokens", Types = "tokenizer.ggml.token_type";
    private const int Normal = 1, Byte = 6;

    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.Tokenizer;
        yield return Spec("tok-model-missing", c, "no tokenizer.ggml.model", s => s.Remove("tokenizer.ggml.model"));
        yield return Spec("tok-model-bert", c, "a BERT (WordPiece) tokenizer on a llama model", s => s.Set("tokenizer.ggml.model", "bert"), endedLlamaCpp: true);
        yield return Spec("tok-model-rwkv", c, "an RWKV tokenizer", s => s.Set("tokenizer.ggml.model", "rwkv"), endedLlamaCpp: true);
        yield return Spec("tok-model-t5", c, "a T5 (Unigram) tokenizer", s => s.Set("tokenizer.ggml.model", "t5"));
        yield return Spec("tok-model-none", c, "tokenizer 'no_vocab'", s => s.Set("tokenizer.ggml.model", "no_vocab"));
        yield return Spec("tok-model-bogus", c, "tokenizer 'bogus'", s => s.Set("tokenizer.ggml.model", "bogus"));
        yield return Spec("tok-model-number", c, "tokenizer.ggml.model as a number", s => s.Set("tokenizer.ggml.model", 1u));
        yield return Spec("tok-tokens-missing", c, "no token list", s => s.Remove(Tokens));
        yield return Spec("tok-tokens-empty", c, "an empty token list", s => s.Set(Tokens, Array.Empty<string>()));
        yield return Spec("tok-tokens-numbers", c, "the token list as numbers", s => s.Set(Tokens, Enumerable.Range(0, 300).Select(i => (uint)i).ToArray()));
        yield return Spec("tok-duplicate-texts", c, "two tokens with the same text", s =>
        {
            var tokens = Tokens(s);
            tokens[301] = tokens[300];
            s.Set(Tokens, tokens);
        }, endedLlamaCpp: true);
        yield return Spec("tok-duplicate-empty-rename", c, "an empty token and one named as llama.cpp renames empty ones", s =>
        {
            var tokens = Tokens(s);
            tokens[300] = "";
            tokens[301] = "[EMPTY_300]";
            s.Set(Tokens, tokens);
        });
        yield return Spec("tok-newline-byte-missing", c, "no <0x0A> byte token", s => RenameBytes(s, b => b == 0x0A), endedLlamaCpp: true);
        yield return Spec("tok-all-bytes-missing", c, "no byte tokens at all", s => RenameBytes(s, _ => true), endedLlamaCpp: true);
        yield return Spec("tok-high-bytes-missing", c, "no byte tokens above 0x7F", s => RenameBytes(s, b => b >= 0x80));
        yield return Spec("tok-byte-type-misspelled", c, "a token typed as a byte but spelled 'abc'", s =>
        {
            var types = TokenTypes(s);
            types[Array.IndexOf(Tokens(s), "abc") is var at and >= 0 ? at : 300] = Byte;
            s.Set(Types, types);
        });
        yield return Spec("tok-scores-short", c, "fewer scores than tokens", s => s.Set("tokenizer.ggml.scores", new float[10]));
        yield return Spec("tok-types-short", c, "fewer token types than tokens", s => s.Set(Types, new int[10]));
        yield return Spec("tok-types-floats", c, "token types as floats", s => s.Set(Types, new float[Tokens(s).Length]));
        yield return new("tok-bpe-no-merges", c, "a BPE vocabulary without merges", path =>
            DevModelGenerator.DescribeTiny(DevModelFamily.StarCoder2, FimTokenIds.InMetadata).Remove("tokenizer.ggml.merges").Write(path));
        yield return new("tok-bpe-newline-missing", c, "a BPE vocabulary without the newline byte 'Ċ'", path =>
        {
            var s = DevModelGenerator.DescribeTiny(DevModelFamily.StarCoder2, FimTokenIds.InMetadata);
            var tokens = Tokens(s);
            tokens[Array.IndexOf(tokens, "\u010A")] = "no-newline-here";
            s.Set(Tokens, tokens).Write(path);
        });
        yield return new("tok-bpe-pre-unknown", c, "BPE pre-tokenizer 'bogus'", path =>
            DevModelGenerator.DescribeTiny(DevModelFamily.StarCoder2, FimTokenIds.InMetadata).Set("tokenizer.ggml.pre", "bogus").Write(path));
    }

    // The byte tokens become ordinary ones with other texts, so the vocabulary keeps its size and its distinct texts.
    private static void RenameBytes(GgufModelSpec s, Func<int, bool> which)
    {
        var tokens = Tokens(s);
        var types = TokenTypes(s);
        for (int b = 0; b < 256; b++)
        {
            if (!which(b)) continue;
            int id = Array.IndexOf(tokens, $"<0x{b:X2}>");
            tokens[id] = $"byte-{b:X2}-removed";
            types[id] = Normal;
        }
        s.Set(Tokens, tokens).Set(Types, types);
    }
}
