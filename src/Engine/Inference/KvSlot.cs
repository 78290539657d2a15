using LlamaCode.Engine.Model;

namespace LlamaCode.Engine.Inference;

/// <summary>What one llama sequence holds in the KV cache, kept in step with llama.cpp's memory.</summary>
internal sealed class KvSlot(SequenceId id)
{
    public SequenceId Id { get; } = id;
    public List<Token> Tokens { get; } = [];
    public long LastUsed { get; set; }

    public SlotView View() => new(Tokens, LastUsed);

    public void Truncate(int length)
    {
        if (length < Tokens.Count) Tokens.RemoveRange(length, Tokens.Count - length);
    }
}
