using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator.Gguf;

namespace LlamaCode.ModelGenerator;

/// <summary>How a generated tensor's data is filled.</summary>
public enum TensorFill
{
    /// <summary>Random N(0, σ) weights (F16 or Q8_0), or random bytes for other types.</summary>
    Random,
    /// <summary>Every element <see cref="TensorSpec.Value"/> (F32, F16 or Q8_0 only).</summary>
    Constant,
}

/// <summary>One tensor of a generated model; <paramref name="Shape"/> in GGUF order (ne0 first).</summary>
public sealed record TensorSpec(string Name, GgmlType Type, long[] Shape, TensorFill Fill = TensorFill.Random, float Value = 1f)
{
    public long Elements => Shape.Aggregate(1L, (product, d) => checked(product * d));
}

/// <summary>
/// A model file described as data before it is written: metadata in order (values as CLR types: uint, int, ulong,
/// float, bool, string, and arrays string[], float[], int[], uint[]), and tensors in order. The dev models are
/// written from one, and the hostile corpus edits one to make each bad file.
/// </summary>
public sealed class GgufModelSpec
{
    private readonly List<KeyValuePair<string, object>> _metadata = [];
    private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);

    public List<TensorSpec> Tensors { get; } = [];
    public uint Alignment { get; set; } = GgufFormat.DefaultAlignment;
    public int Seed { get; set; }
    public float WeightSigma { get; set; } = 0.02f;

    public IEnumerable<KeyValuePair<string, object>> Metadata => _metadata;

    public object? Get(string key) => _indexOf.TryGetValue(key, out int at) ? _metadata[at].Value : null;

    /// <summary>Replaces the value of <paramref name="key"/> in place, or adds it at the end.</summary>
    public GgufModelSpec Set(string key, object value)
    {
        if (_indexOf.TryGetValue(key, out int at)) _metadata[at] = new(key, value);
        else
        {
            _indexOf[key] = _metadata.Count;
            _metadata.Add(new(key, value));
        }
        return this;
    }

    public GgufModelSpec Remove(string key)
    {
        if (!_indexOf.Remove(key, out int at)) return this;
        _metadata.RemoveAt(at);
        foreach (var (k, i) in _indexOf.Where(e => e.Value > at).ToList()) _indexOf[k] = i - 1;
        return this;
    }

    public TensorSpec Tensor(string name) => Tensors.Single(t => t.Name == name);

    /// <summary>Replaces the tensor named <paramref name="name"/> with what <paramref name="change"/> makes of it.</summary>
    public GgufModelSpec ChangeTensor(string name, Func<TensorSpec, TensorSpec> change)
    {
        int at = Tensors.FindIndex(t => t.Name == name);
        if (at < 0) throw new ArgumentException($"no tensor '{name}'", nameof(name));
        Tensors[at] = change(Tensors[at]);
        return this;
    }

    public void Write(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(file);
    }

    public void Write(Stream output)
    {
        using var gguf = new GgufWriter(output, Alignment, leaveOpen: true);
        foreach (var (key, value) in _metadata) AddValue(gguf, key, value);
        foreach (var t in Tensors) gguf.AddTensorInfo(t.Name, t.Type, t.Shape);
        gguf.WriteHeader();
        var random = new RandomWeights(Seed, WeightSigma);
        foreach (var t in Tensors) WriteData(gguf, t, random);
        gguf.Finish();
    }

    private static void AddValue(GgufWriter gguf, string key, object value)
    {
        switch (value)
        {
            case byte v: gguf.AddUInt8(key, v); break;
            case sbyte v: gguf.AddInt8(key, v); break;
            case ushort v: gguf.AddUInt16(key, v); break;
            case short v: gguf.AddInt16(key, v); break;
            case uint v: gguf.AddUInt32(key, v); break;
            case int v: gguf.AddInt32(key, v); break;
            case ulong v: gguf.AddUInt64(key, v); break;
            case long v: gguf.AddInt64(key, v); break;
            case float v: gguf.AddFloat32(key, v); break;
            case double v: gguf.AddFloat64(key, v); break;
            case bool v: gguf.AddBool(key, v); break;
            case string v: gguf.AddString(key, v); break;
            case string[] v: gguf.AddArray(key, v); break;
            case float[] v: gguf.AddArray(key, v); break;
            case int[] v: gguf.AddArray(key, v); break;
            case uint[] v: gguf.AddArray(key, v); break;
            default: throw new ArgumentException($"metadata '{key}' has unsupported type {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteData(GgufWriter gguf, TensorSpec tensor, RandomWeights random)
    {
        if (tensor.Fill == TensorFill.Constant)
        {
            const int chunk = 1 << 16;
            var values = new float[Math.Min(chunk, tensor.Elements)];
            Array.Fill(values, tensor.Value);
            for (long left = tensor.Elements; left > 0; left -= values.Length)
                gguf.WriteTensorData(values.AsSpan(0, (int)Math.Min(values.Length, left)));
            return;
        }
        // Chunks are whole Q8_0 blocks (34 bytes) and whole F16 values, so 34 * 2^15 bytes suits both.
        var buffer = new byte[34 << 15];
        long remaining = GgmlTypes.GetLayout(tensor.Type).ByteCount(tensor.Elements);
        while (remaining > 0)
        {
            var bytes = buffer.AsSpan(0, (int)Math.Min(buffer.Length, remaining));
            if (tensor.Type == GgmlType.Q8_0) random.FillQ8_0(bytes);
            else random.FillF16(bytes[..(bytes.Length & ~1)]);
            gguf.WriteTensorData(bytes);
            remaining -= bytes.Length;
        }
    }
}
