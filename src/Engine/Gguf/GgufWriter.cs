using System.Text;

namespace LlamaCode.Engine.Gguf;

/// <summary>A tensor to write: its name, shape (ne0 first, as GGUF stores it), type, and a writer of its data.</summary>
public sealed record GgufTensor(string Name, ulong[] Shape, uint Type, long ByteSize, Action<Stream> WriteData);

/// <summary>Writes GGUF version 3 files: header, metadata, tensor infos, then aligned tensor data, streamed.</summary>
public sealed class GgufWriter
{
    public const int Alignment = 32;
    private readonly List<(string Key, GgufValueType Type, object Value)> _metadata = [];
    private readonly List<GgufTensor> _tensors = [];

    public GgufWriter Add(string key, string value) => AddRaw(key, GgufValueType.String, value);
    public GgufWriter Add(string key, uint value) => AddRaw(key, GgufValueType.UInt32, value);
    public GgufWriter Add(string key, int value) => AddRaw(key, GgufValueType.Int32, value);
    public GgufWriter Add(string key, float value) => AddRaw(key, GgufValueType.Float32, value);
    public GgufWriter Add(string key, bool value) => AddRaw(key, GgufValueType.Bool, value);
    public GgufWriter Add(string key, string[] values) => AddRaw(key, GgufValueType.Array, values);
    public GgufWriter Add(string key, float[] values) => AddRaw(key, GgufValueType.Array, values);
    public GgufWriter Add(string key, int[] values) => AddRaw(key, GgufValueType.Array, values);

    public GgufWriter AddTensor(GgufTensor tensor)
    {
        _tensors.Add(tensor);
        return this;
    }

    private GgufWriter AddRaw(string key, GgufValueType type, object value)
    {
        _metadata.Add((key, type, value));
        return this;
    }

    public void Write(Stream output)
    {
        var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var (key, type, value) in _metadata)
        {
            WriteString(w, key);
            w.Write((uint)type);
            WriteValue(w, type, value);
        }
        ulong offset = 0;
        foreach (var t in _tensors)
        {
            WriteString(w, t.Name);
            w.Write((uint)t.Shape.Length);
            foreach (var d in t.Shape) w.Write(d);
            w.Write(t.Type);
            w.Write(offset);
            offset = Align((ulong)t.ByteSize + offset);
        }
        w.Flush();
        Pad(output);
        foreach (var t in _tensors)
        {
            var start = output.Position;
            t.WriteData(output);
            if (output.Position - start != t.ByteSize)
                throw new InvalidOperationException($"tensor {t.Name}: wrote {output.Position - start} bytes, declared {t.ByteSize}");
            Pad(output);
        }
    }

    private static void WriteValue(BinaryWriter w, GgufValueType type, object value)
    {
        switch (value)
        {
            case string s: WriteString(w, s); break;
            case uint u: w.Write(u); break;
            case int i: w.Write(i); break;
            case float f: w.Write(f); break;
            case bool b: w.Write(b ? (byte)1 : (byte)0); break;
            case string[] a: w.Write((uint)GgufValueType.String); w.Write((ulong)a.Length); foreach (var s in a) WriteString(w, s); break;
            case float[] a: w.Write((uint)GgufValueType.Float32); w.Write((ulong)a.Length); foreach (var f in a) w.Write(f); break;
            case int[] a: w.Write((uint)GgufValueType.Int32); w.Write((ulong)a.Length); foreach (var i in a) w.Write(i); break;
            default: throw new ArgumentException($"unsupported metadata value {value.GetType()} for {type}");
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static ulong Align(ulong n) => (n + Alignment - 1) / Alignment * Alignment;

    private static void Pad(Stream s)
    {
        var pad = (int)((Alignment - s.Position % Alignment) % Alignment);
        for (var i = 0; i < pad; i++) s.WriteByte(0);
    }
}
