using System.Text;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;
using LlamaCode.Engine.Native;

namespace LlamaCode.Engine.Probe;

/// <summary>
/// What the probe child does with a model file, everything the server will do with it first: load it in llama.cpp,
/// read its vocabulary (every token's piece), tokenize and detokenize text with bytes no piece covers, apply its chat
/// template, create a small context, decode one batch (text and the FIM tokens) and one more token, and check the
/// logits of both are finite.
/// Runs only in the sacrificial process: an assert here ends that process.
/// </summary>
public static class ModelSelfTest
{
    /// <summary>
    /// Code, tabs, CR LF, backslash escapes, and characters outside ASCII of every UTF-8 length, with several three-byte
    /// characters that share their first byte with SentencePiece's "▁" (a tokenizer that matches a prefix of a piece
    /// and then fails must not loop).
    /// </summary>
    public const string SampleText = "using System;\r\n\tclass Probe { int x = 1; } // é ж 中 ’ → ─ ▁ 🙂 \\ \\x \\n\n";

    /// <summary>Tokens in the decoded batch: enough for a multi-token batch through every layer, few enough to be cheap (a batch costs its length in matrix work).</summary>
    public const int ProbeBatch = 16;

    /// <summary>Runs the checks; returns the problem in one line, or null when the model works.</summary>
    public static string? Run(string path, int gpuLayers)
    {
        var fullPath = Path.GetFullPath(path);
        using var model = LlamaModel.LoadWithoutChecks(fullPath, new ModelLoadOptions { GpuLayers = gpuLayers });
        foreach (var id in Enumerable.Range(0, model.Info.VocabularySize))
        {
            model.TokenPiece(new Token(id));
            model.TokenPiece(new Token(id), renderSpecial: true);
        }
        var tokens = model.Tokenize(SampleText, addSpecial: true);
        model.Tokenize(SampleText, addSpecial: true, parseSpecial: true);
        if (tokens.Length == 0) return "its tokenizer turns text into no tokens";
        model.Detokenize(tokens);
        model.ApplyChatTemplate([("user", SampleText)], addAssistant: true);

        using var session = new LlamaSession(model, new EngineOptions { ContextSize = 256, BatchSize = ProbeBatch, MicroBatchSize = ProbeBatch, Slots = 1 });
        // Completion prompts always hold the FIM tokens, whose embeddings ordinary text never reaches.
        var special = model.Info.Special;
        Token[] fim = special.HasFim ? [special.FimPrefix, special.FimSuffix, special.FimMiddle] : [];
        var prompt = tokens.Take(ProbeBatch - fim.Length).Concat(fim).ToArray();
        var outcome = session.Decode(new SequenceId(0), prompt, 0, out int last);
        if (outcome != DecodeOutcome.Done) return $"llama.cpp could not decode a batch of {prompt.Length} tokens ({outcome})";
        if (NonFinite(session, last) is { } batchProblem) return $"{batchProblem} after decoding a batch of {prompt.Length} tokens";

        var next = new Token(ArgMax(session.Logits(last)));
        outcome = session.Decode(new SequenceId(0), [next], prompt.Length, out last);
        if (outcome != DecodeOutcome.Done) return $"llama.cpp could not decode one more token ({outcome})";
        if (NonFinite(session, last) is { } tokenProblem) return $"{tokenProblem} after decoding one more token";
        return null;
    }

    /// <summary>Runs the probe as the child's whole job: the verdict line on stdout, and an exit code.</summary>
    public static int RunAsChild(string path, int gpuLayers, TextWriter stdout)
    {
        string? problem;
        try
        {
            NativeLog.MinimumLevel = NativeLogLevel.Error;
            problem = Run(path, gpuLayers);
        }
        catch (NativeLibraryMissingException e)
        {
            // About this machine, not the model: reported, never cached.
            stdout.WriteLine(ChildProbeReport.Prefix + "error " + OneLine(e.Message));
            stdout.Flush();
            return 4;
        }
        catch (Exception e) when (e is InvalidModelFileException or InvalidOperationException or ArgumentException)
        {
            problem = e is InvalidModelFileException invalid ? invalid.Problem : e.Message;
        }
        stdout.WriteLine(ChildProbeReport.Prefix + (problem is null ? "ok" : "fail " + OneLine(problem)));
        stdout.Flush();
        return problem is null ? 0 : 3;
    }

    private static string? NonFinite(LlamaSession session, int batchIndex)
    {
        try
        {
            session.EnsureFiniteLogits(batchIndex);
            return null;
        }
        catch (ModelUnusableException e)
        {
            return e.Message;
        }
    }

    private static int ArgMax(float[] logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    private static string OneLine(string text) => new StringBuilder(text).Replace('\r', ' ').Replace('\n', ' ').ToString().Trim();
}
