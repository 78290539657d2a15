using System.Text;
using System.Threading.Channels;

namespace LlamaCode.Engine.Inference;

/// <summary>A running generation: its pieces as they are sampled, and its stats when it ends.</summary>
public sealed class Generation
{
    private readonly ChannelReader<GeneratedPiece> _pieces;
    private readonly CancellationToken _cancellationToken;

    internal Generation(ChannelReader<GeneratedPiece> pieces, Task<GenerationStats> completion, CancellationToken cancellationToken)
    {
        _pieces = pieces;
        Completion = completion;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Pieces in order. Ends when generation stops; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public IAsyncEnumerable<GeneratedPiece> Pieces => _pieces.ReadAllAsync(_cancellationToken);

    /// <summary>Completes with the stats when generation stops; cancelled when the request was.</summary>
    public Task<GenerationStats> Completion { get; }

    /// <summary>Reads the whole text.</summary>
    public async Task<(string Text, GenerationStats Stats)> ReadAllAsync()
    {
        var text = new StringBuilder();
        await foreach (var piece in Pieces.ConfigureAwait(false)) text.Append(piece.Text);
        return (text.ToString(), await Completion.ConfigureAwait(false));
    }
}

/// <summary>The logits after a prompt, and what computing them cost.</summary>
public sealed record PrefillResult(float[] Logits, GenerationStats Stats);
