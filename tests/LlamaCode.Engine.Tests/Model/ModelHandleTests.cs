using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Model;

/// <summary>No native pointer outlives its handle: after the model is freed, its vocabulary cannot be reached.</summary>
public class ModelHandleTests
{
    [Fact]
    public void A_freed_model_refuses_tokenizer_calls_instead_of_reading_freed_memory()
    {
        var model = LlamaModel.Load(DevModels.GetOrCreate(DevModelSize.Tiny));
        Assert.NotEmpty(model.Tokenize("int x"));
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Tokenize("int x"));
        Assert.Throws<ObjectDisposedException>(() => model.TokenPiece(new Token(5)));
        Assert.Throws<ObjectDisposedException>(() => model.Detokenize([new Token(5)]));
        Assert.Throws<ObjectDisposedException>(() => model.IsEndOfGeneration(new Token(2)));
    }

    [Fact]
    public void A_vocabulary_lease_keeps_the_model_alive_past_its_dispose()
    {
        var model = LlamaModel.Load(DevModels.GetOrCreate(DevModelSize.Tiny));
        using (var lease = model.LeaseVocab())
        {
            model.Dispose(); // deferred: the lease still holds a reference
            Assert.Equal(model.Info.VocabularySize, LlamaCode.Engine.Native.LlamaApi.llama_vocab_n_tokens(lease.Pointer));
        }
        Assert.True(model.Handle.IsClosed);
    }
}
