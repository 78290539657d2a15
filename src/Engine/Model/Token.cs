namespace LlamaCode.Engine.Model;

/// <summary>A token id of the loaded model's vocabulary.</summary>
public readonly record struct Token(int Id)
{
    public static readonly Token None = new(-1);
    public bool IsNone => Id < 0;
    public override string ToString() => Id.ToString();
}

/// <summary>A llama.cpp sequence id: one KV-cache slot.</summary>
public readonly record struct SequenceId(int Value)
{
    public override string ToString() => Value.ToString();
}
