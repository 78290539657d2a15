namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>Valid files that are unusual: the checks must let them load.</summary>
internal static class HostileControlCases
{
    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.Control;
        yield return new("control-tiny", c, "the tiny dev model as generated", path => HostileCorpus.Tiny().Write(path), MustLoad: true);
        yield return new("control-alignment-64", c, "data aligned to 64 bytes", path =>
        {
            var s = HostileCorpus.Tiny();
            s.Alignment = 64;
            s.Write(path);
        }, MustLoad: true);
        yield return new("control-trailing-bytes", c, "4 KB of zeros after the data", path =>
            HostileCorpus.TinyImage().Append(4096).Write(path), MustLoad: true);
        yield return new("control-tied-output", c, "no output matrix (the token embedding is reused)", path =>
        {
            var s = HostileCorpus.Tiny();
            s.Tensors.RemoveAll(t => t.Name == "output.weight");
            s.Write(path);
        }, MustLoad: true);
        yield return new("control-starcoder2-bpe", c, "a byte-level BPE vocabulary", path =>
            DevModelGenerator.DescribeTiny(DevModelFamily.StarCoder2, FimTokenIds.InMetadata).Write(path), MustLoad: true);
        yield return new("control-rope-linear", c, "linear RoPE scaling by 2", path =>
            HostileCorpus.Tiny().Set("llama.rope.scaling.type", "linear").Set("llama.rope.scaling.factor", 2f).Write(path), MustLoad: true);
    }
}
