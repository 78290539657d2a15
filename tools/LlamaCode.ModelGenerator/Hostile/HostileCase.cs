namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>The part of a model file a hostile case breaks.</summary>
public enum HostileClass { Header, KeyValue, TensorInfo, HyperParameter, Tokenizer, Weights, Size, Control }

/// <summary>
/// One file of the hostile corpus. <paramref name="MustLoad"/> marks the controls: unusual but valid files that the
/// checks must not refuse. <paramref name="EndedLlamaCpp"/> marks the kinds that ended or hung the process inside
/// llama.cpp before the managed checks existed (issue 13), which the first-load probe must also catch on its own.
/// </summary>
public sealed record HostileCase(string Name, HostileClass Class, string What, Action<string> Write, bool MustLoad = false, bool EndedLlamaCpp = false)
{
    public string FileName => Name + ".gguf";
    public override string ToString() => Name;
}
