using LlamaCode.Engine.Model;
using LlamaCode.Engine.Native;

namespace LlamaCode.Engine.Inference;

/// <summary>A llama.cpp sampler chain built from <see cref="SamplingOptions"/>; used on the engine thread only.</summary>
internal sealed class SamplerChain : IDisposable
{
    private readonly SafeLlamaSamplerHandle _chain;

    private SamplerChain(SafeLlamaSamplerHandle chain) => _chain = chain;

    public static SamplerChain Create(LlamaModel model, SamplingOptions options)
    {
        var chain = new SafeLlamaSamplerHandle(LlamaApi.llama_sampler_chain_init(new LlamaSamplerChainParams { no_perf = 1 }));
        try
        {
            if (options.Grammar is { } grammar)
            {
                chain.KeepAlive(model.Handle); // the grammar sampler keeps the vocabulary's pointer
                using var vocab = model.LeaseVocab();
                var g = LlamaApi.llama_sampler_init_grammar(vocab.Pointer, grammar, "root");
                if (g == IntPtr.Zero) throw new ArgumentException("The GBNF grammar does not parse (see the log for where).", nameof(options));
                LlamaApi.llama_sampler_chain_add(chain, g);
            }
            if (options.RepetitionPenalty is > 0 and not 1.0f)
                LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_penalties(model.Info.VocabularySize, options.RepetitionLastN, options.RepetitionPenalty, 0, 0));

            if (options.Temperature <= 0)
            {
                LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_greedy());
            }
            else
            {
                if (options.TopK > 0) LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_top_k(options.TopK));
                if (options.TopP is > 0 and < 1) LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_top_p(options.TopP, 1));
                if (options.MinP is > 0 and < 1) LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_min_p(options.MinP, 1));
                LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_temp(options.Temperature));
                LlamaApi.llama_sampler_chain_add(chain, LlamaApi.llama_sampler_init_dist(options.Seed));
            }
            return new SamplerChain(chain);
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    /// <summary>Samples from the logits at batch position <paramref name="batchIndex"/> and accepts the token into the chain.</summary>
    public Token Sample(SafeLlamaContextHandle context, int batchIndex) =>
        new(LlamaApi.llama_sampler_sample(_chain, context, batchIndex));

    public void Dispose() => _chain.Dispose();
}
