using LlamaCode.Engine.Inference;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests;

/// <summary>The generated tiny model, loaded once per test run (real llama.cpp, CPU).</summary>
public sealed class TinyModel : IDisposable
{
    public LlamaModel Model { get; } = LlamaModel.Load(DevModels.GetOrCreate(DevModelSize.Tiny));

    public Task<InferenceEngine> StartEngineAsync(EngineOptions? options = null) =>
        InferenceEngine.StartAsync(Model, options ?? new EngineOptions { ContextSize = 2048, Slots = 2 });

    /// <summary>A prompt of real code tokens, repeated to length.</summary>
    public Token[] CodeTokens(int count)
    {
        var text = string.Concat(Enumerable.Repeat(SampleCode, 1 + count / 40));
        var tokens = Model.Tokenize(text, addSpecial: true);
        Assert.True(tokens.Length >= count, $"sample code gave only {tokens.Length} tokens");
        return tokens[..count];
    }

    public const string SampleCode = """
        using System;
        namespace Demo
        {
            public static class MathHelpers
            {
                public static int Add(int a, int b) => a + b;
                public static int Clamp(int value, int min, int max)
                {
                    if (value < min) return min;
                    return value > max ? max : value;
                }
            }
        }

        """;

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModel>
{
    public const string Name = "tiny model";
}
