using System.Text;
using System.Text.Unicode;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Support;

/// <summary>Prompts rendered for reading in test tables.</summary>
public static class PromptRendering
{
    /// <summary>Special tokens by name (&lt;s&gt;, &lt;PRE&gt;, ...) and the text of the other tokens.</summary>
    public static string Text(ITokenizer tokenizer, ReadOnlySpan<Token> tokens)
    {
        var names = SpecialNames(tokenizer);
        var text = new StringBuilder();
        var run = new List<byte>();
        foreach (var token in tokens)
        {
            if (names.TryGetValue(token, out var name))
            {
                text.Append(Encoding.UTF8.GetString(run.ToArray())).Append(name);
                run.Clear();
            }
            else run.AddRange(tokenizer.TokenPiece(token));
        }
        return text.Append(Encoding.UTF8.GetString(run.ToArray())).ToString();
    }

    /// <summary>One entry per token, joined by "|": special names, text with spaces as ▁ and line breaks as ↵, or a byte as &lt;0xNN&gt;.</summary>
    public static string Pieces(ITokenizer tokenizer, ReadOnlySpan<Token> tokens)
    {
        var names = SpecialNames(tokenizer);
        var parts = new List<string>();
        foreach (var token in tokens)
        {
            if (names.TryGetValue(token, out var name)) { parts.Add(name); continue; }
            var piece = tokenizer.TokenPiece(token);
            parts.Add(Utf8.IsValid(piece)
                ? Encoding.UTF8.GetString(piece).Replace(' ', '▁').Replace("\n", "↵")
                : string.Concat(piece.Select(b => $"<0x{b:X2}>")));
        }
        return string.Join('|', parts);
    }

    /// <summary>
    /// Control tokens as «their vocabulary text» (so «&lt;fim_prefix&gt;» is the token and &lt;fim_prefix&gt; is text),
    /// other tokens as their text: shows which model's special tokens a prompt holds, and where.
    /// </summary>
    public static string WithControlTokens(ITokenizer tokenizer, ReadOnlySpan<Token> tokens)
    {
        var text = new StringBuilder();
        var run = new List<byte>();
        foreach (var token in tokens)
        {
            var piece = tokenizer.TokenPiece(token);
            var rendered = tokenizer.TokenPiece(token, renderSpecial: true);
            if (piece.Length == 0 && rendered.Length > 0)
            {
                text.Append(Encoding.UTF8.GetString(run.ToArray())).Append('«').Append(Encoding.UTF8.GetString(rendered)).Append('»');
                run.Clear();
            }
            else run.AddRange(piece);
        }
        return text.Append(Encoding.UTF8.GetString(run.ToArray())).ToString();
    }

    private static Dictionary<Token, string> SpecialNames(ITokenizer tokenizer)
    {
        var s = tokenizer.Info.Special;
        var names = new Dictionary<Token, string>();
        foreach (var (token, name) in new[] { (s.Bos, "<s>"), (s.Eos, "</s>"), (s.Eot, "<EOT>"), (s.FimPrefix, "<PRE>"), (s.FimSuffix, "<SUF>"), (s.FimMiddle, "<MID>") })
            if (!token.IsNone) names.TryAdd(token, name);
        return names;
    }
}
