using System.Buffers;
using System.Text;
using LlamaCode.Engine.Gguf;

namespace LlamaCode.ModelGenerator.Gguf;

/// <summary>
/// Writes a little-endian GGUF v3 file in three phases so that tensor data is streamed, never held whole:
/// declare metadata and tensors (<c>Add*</c>), then <see cref="WriteHeader"/>, then the data of every declared
/// tensor in declaration order (<see cref="WriteTensorData(ReadOnlySpan{float})"/> or raw bytes, in as many chunks
/// as convenient), then <see cref="Finish"/>.
/// </summary>
public sealed class GgufWriter : IDisposable
{
    private enum Phase { Declaring, WritingData, Finished }

    private sealed record PendingValue(string Key, GgufValueType Type, Action<BinaryWriter> WriteValue);

    private sealed record PendingTensor(string Name, GgmlType Type, long[] Shape, long Offset, long SizeBytes);

    private readonly BinaryWriter _out;
    private readonly uint _alignment;
    private readonly List<PendingValue> _values = [];
    private readonly HashSet<string> _keys = [];
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = [];
    private Phase _phase = Phase.Declaring;
    private long _dataSize;          // padded size of the declared data section so far
    private int _currentTensor;      // index of the tensor whose data is being written
    private long _currentWritten;    // bytes of it written so far
    private readonly WriteCountingStream _counter;  // knows how far into the file we are, for padding

    /// <param name="alignment">Data alignment; a non-default value is recorded as <c>general.alignment</c>, as readers expect.</param>
    public GgufWriter(Stream output, uint alignment = GgufFormat.DefaultAlignment, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "alignment must be a power of two");
        _counter = new WriteCountingStream(output, leaveOpen);
        _out = new BinaryWriter(_counter, Encoding.UTF8, leaveOpen: false);
        _alignment = alignment;
        if (alignment != GgufFormat.DefaultAlignment)
            AddUInt32(GgufFormat.AlignmentKey, alignment);
    }

    public uint Alignment => _alignment;

    public void AddUInt8(string key, byte value) => AddValue(key, GgufValueType.UInt8, w => w.Write(value));
    public void AddInt8(string key, sbyte value) => AddValue(key, GgufValueType.Int8, w => w.Write(value));
    public void AddUInt16(string key, ushort value) => AddValue(key, GgufValueType.UInt16, w => w.Write(value));
    public void AddInt16(string key, short value) => AddValue(key, GgufValueType.Int16, w => w.Write(value));
    public void AddUInt32(string key, uint value) => AddValue(key, GgufValueType.UInt32, w => w.Write(value));
    public void AddInt32(string key, int value) => AddValue(key, GgufValueType.Int32, w => w.Write(value));
    public void AddUInt64(string key, ulong value) => AddValue(key, GgufValueType.UInt64, w => w.Write(value));
    public void AddInt64(string key, long value) => AddValue(key, GgufValueType.Int64, w => w.Write(value));
    public void AddFloat32(string key, float value) => AddValue(key, GgufValueType.Float32, w => w.Write(value));
    public void AddFloat64(string key, double value) => AddValue(key, GgufValueType.Float64, w => w.Write(value));
    public void AddBool(string key, bool value) => AddValue(key, GgufValueType.Bool, w => w.Write((byte)(value ? 1 : 0)));
    public void AddString(string key, string value) => AddValue(key, GgufValueType.String, w => WriteString(w, value));

    public void AddArray(string key, IReadOnlyList<string> values) =>
        AddArray(key, GgufValueType.String, values.Count, w => { foreach (var v in values) WriteString(w, v); });

    public void AddArray(string key, IReadOnlyList<float> values) =>
        AddArray(key, GgufValueType.Float32, values.Count, w => { foreach (var v in values) w.Write(v); });

    public void AddArray(string key, IReadOnlyList<int> values) =>
        AddArray(key, GgufValueType.Int32, values.Count, w => { foreach (var v in values) w.Write(v); });

    public void AddArray(string key, IReadOnlyList<uint> values) =>
        AddArray(key, GgufValueType.UInt32, values.Count, w => { foreach (var v in values) w.Write(v); });

    /// <summary>Declares a tensor; <paramref name="shape"/> is in GGUF order (ne0, the contiguous dimension, first).</summary>
    public void AddTensorInfo(string name, GgmlType type, params long[] shape)
    {
        RequirePhase(Phase.Declaring);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) >= GgufFormat.MaxTensorNameBytes)
            throw new ArgumentException($"tensor name '{name}' is {GgufFormat.MaxTensorNameBytes} UTF-8 bytes or longer", nameof(name));
        if (!_tensorNames.Add(name))
            throw new ArgumentException($"duplicate tensor '{name}'", nameof(name));
        if (shape.Length is 0 or > GgufFormat.MaxDimensions || shape.Any(d => d <= 0))
            throw new ArgumentException($"tensor '{name}': shape must have 1 to {GgufFormat.MaxDimensions} positive dimensions", nameof(shape));
        var layout = GgmlTypes.GetLayout(type);
        if (shape[0] % layout.BlockSize != 0)
            throw new ArgumentException($"tensor '{name}': row of {shape[0]} is not a multiple of the {type} block size {layout.BlockSize}", nameof(shape));

        long elements = shape.Aggregate(1L, (product, d) => checked(product * d));
        long size = layout.ByteCount(elements);
        _tensors.Add(new PendingTensor(name, type, (long[])shape.Clone(), _dataSize, size));
        _dataSize = checked(_dataSize + GgufFormat.Align(size, _alignment));
    }

    /// <summary>Writes header, metadata and tensor infos, padded so that the data section starts aligned.</summary>
    public void WriteHeader()
    {
        RequirePhase(Phase.Declaring);
        _out.Write(GgufFormat.Magic);
        _out.Write(GgufFormat.Version);
        _out.Write((ulong)_tensors.Count);
        _out.Write((ulong)_values.Count);
        foreach (var value in _values)
        {
            WriteString(_out, value.Key);
            _out.Write((uint)value.Type);
            value.WriteValue(_out);
        }
        foreach (var tensor in _tensors)
        {
            WriteString(_out, tensor.Name);
            _out.Write((uint)tensor.Shape.Length);
            foreach (var d in tensor.Shape) _out.Write((ulong)d);
            _out.Write((uint)tensor.Type);
            _out.Write((ulong)tensor.Offset);
        }
        WritePadding();
        _phase = Phase.WritingData;
        SkipEmptyTensors();
    }

    /// <summary>Appends already-encoded bytes of the current tensor.</summary>
    public void WriteTensorData(ReadOnlySpan<byte> encoded)
    {
        RequirePhase(Phase.WritingData);
        var tensor = CurrentTensor();
        if (encoded.Length > tensor.SizeBytes - _currentWritten)
            throw new InvalidOperationException($"tensor '{tensor.Name}': {encoded.Length} bytes would overrun its {tensor.SizeBytes} bytes");
        _out.Write(encoded);
        _currentWritten += encoded.Length;
        if (_currentWritten == tensor.SizeBytes)
        {
            WritePadding();
            _currentTensor++;
            _currentWritten = 0;
        }
    }

    /// <summary>Appends values of the current tensor, encoded to its declared type (F32, F16 or Q8_0).</summary>
    public void WriteTensorData(ReadOnlySpan<float> values)
    {
        RequirePhase(Phase.WritingData);
        var type = CurrentTensor().Type;
        var layout = GgmlTypes.GetLayout(type);
        if (values.Length % layout.BlockSize != 0)
            throw new ArgumentException($"{type} data must come in whole blocks of {layout.BlockSize} values", nameof(values));

        const int chunkValues = 8192;  // multiple of every block size used here
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)layout.ByteCount(chunkValues));
        try
        {
            for (int start = 0; start < values.Length; start += chunkValues)
            {
                var chunk = values.Slice(start, Math.Min(chunkValues, values.Length - start));
                int written = TensorEncoding.Encode(type, chunk, buffer);
                WriteTensorData(buffer.AsSpan(0, written));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Checks every declared tensor got all its data and flushes.</summary>
    public void Finish()
    {
        if (_phase == Phase.Declaring) WriteHeader();
        RequirePhase(Phase.WritingData);
        if (_currentTensor < _tensors.Count)
            throw new InvalidOperationException($"tensor '{_tensors[_currentTensor].Name}' has {_currentWritten} of {_tensors[_currentTensor].SizeBytes} bytes written");
        _out.Flush();
        _phase = Phase.Finished;
    }

    public void Dispose() => _out.Dispose();

    private void AddValue(string key, GgufValueType type, Action<BinaryWriter> write)
    {
        RequirePhase(Phase.Declaring);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_keys.Add(key)) throw new ArgumentException($"duplicate metadata key '{key}'", nameof(key));
        _values.Add(new PendingValue(key, type, write));
    }

    private void AddArray(string key, GgufValueType elementType, int count, Action<BinaryWriter> writeElements) =>
        AddValue(key, GgufValueType.Array, w =>
        {
            w.Write((uint)elementType);
            w.Write((ulong)count);
            writeElements(w);
        });

    private static void WriteString(BinaryWriter w, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private PendingTensor CurrentTensor() =>
        _currentTensor < _tensors.Count
            ? _tensors[_currentTensor]
            : throw new InvalidOperationException("all declared tensors already have their data");

    private void WritePadding()
    {
        _out.Flush();
        long position = _counter.BytesWritten;
        Span<byte> zeros = stackalloc byte[(int)(GgufFormat.Align(position, _alignment) - position)];
        zeros.Clear();
        _out.Write(zeros);
    }

    private void SkipEmptyTensors()
    {
        while (_currentTensor < _tensors.Count && _tensors[_currentTensor].SizeBytes == 0) _currentTensor++;
    }

    private void RequirePhase(Phase expected)
    {
        if (_phase != expected)
            throw new InvalidOperationException($"GgufWriter is in phase {_phase}, this call needs {expected}");
    }
}
