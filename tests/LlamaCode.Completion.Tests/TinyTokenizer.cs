using System.Text;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Completion.Tests;

/// <summary>The generated tiny model's real llama.cpp tokenizer, shared by the tests of this assembly.</summary>
public sealed class TinyTokenizer : IDisposable
{
    public LlamaModel Model { get; } = LlamaModel.Load(DevModels.GetOrCreate(DevModelSize.Tiny));

    /// <summary>Tokens as a readable string: special tokens as «BOS» «PRE» «SUF» «MID», text as its raw pieces.</summary>
    public string Render(IEnumerable<Token> tokens)
    {
        var s = Model.Info.Special;
        var names = new Dictionary<Token, string> { [s.Bos] = "«BOS»", [s.FimPrefix] = "«PRE»", [s.FimSuffix] = "«SUF»", [s.FimMiddle] = "«MID»", [s.Eot] = "«EOT»" };
        var sb = new StringBuilder();
        var pending = new List<byte>();
        void Flush() { sb.Append(Encoding.UTF8.GetString(pending.ToArray())); pending.Clear(); }
        foreach (var t in tokens)
        {
            if (names.TryGetValue(t, out var name)) { Flush(); sb.Append(name); }
            else pending.AddRange(Model.TokenPiece(t));
        }
        Flush();
        return sb.ToString();
    }

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TinyTokenizerCollection : ICollectionFixture<TinyTokenizer>
{
    public const string Name = "tiny tokenizer";
}
