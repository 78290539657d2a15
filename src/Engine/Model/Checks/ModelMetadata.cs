using System.Globalization;
using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model.Checks;

/// <summary>
/// Typed reads of a GGUF's metadata for the checks: integers of any GGUF integer type, floats of either float type,
/// per-layer values that may be one scalar or an array. A value of the wrong kind is a <see cref="ModelCheckFailure"/>.
/// </summary>
internal sealed class ModelMetadata(GgufSummary summary)
{
    public GgufSummary Summary => summary;
    public string Architecture { get; } = summary.Architecture ?? throw new ModelCheckFailure("has no general.architecture: not a model");

    /// <summary>The key of a hyper-parameter of this architecture ("llama.block_count").</summary>
    public string Key(string name) => $"{Architecture}.{name}";

    public bool Has(string key) => summary.Metadata.ContainsKey(key);

    public long? Integer(string key) => summary.Metadata.TryGetValue(key, out var value) ? AsInteger(key, value) : null;

    public long RequiredInteger(string key, long min, long max) =>
        Integer(key) is { } value ? InRange(key, value, min, max) : throw new ModelCheckFailure($"has no {key}");

    public long? OptionalInteger(string key, long min, long max) => Integer(key) is { } value ? InRange(key, value, min, max) : null;

    public double? Float(string key) => summary.Metadata.TryGetValue(key, out var value)
        ? value switch
        {
            float f => f,
            double d => d,
            _ => throw new ModelCheckFailure($"{key} must be a float, not {Describe(value)}"),
        }
        : null;

    /// <summary>A value as the file stores it, for messages (a float as a float, not widened to double).</summary>
    public string Text(string key) => summary.Metadata.TryGetValue(key, out var value)
        ? value switch
        {
            float f => f.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        }
        : "absent";

    public string? String(string key) => summary.Metadata.TryGetValue(key, out var value)
        ? value switch
        {
            string text => text,
            GgufLongString { Length: var length } => throw new ModelCheckFailure($"{key} is a string of {length:N0} bytes, far longer than any such value"),
            _ => throw new ModelCheckFailure($"{key} must be a string, not {Describe(value)}"),
        }
        : null;

    /// <summary>
    /// A per-layer hyper-parameter (one value for all layers, or an array of one per layer), each in
    /// [<paramref name="min"/>, <paramref name="max"/>]; null when absent.
    /// </summary>
    public long[]? PerLayer(string key, long layers, long min, long max)
    {
        if (!summary.Metadata.TryGetValue(key, out var value)) return null;
        if (value is not GgufArray array) return Enumerable.Repeat(InRange(key, AsInteger(key, value), min, max), (int)layers).ToArray();
        if (array.Count != (ulong)layers)
            throw new ModelCheckFailure($"{key} has {array.Count} values but the model has {layers} layers");
        if (!summary.ArrayValues.TryGetValue(key, out var values))
            throw new ModelCheckFailure($"{key} is an array of {array.ElementType}, not of integers");
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = InRange($"{key}[{i}]", AsInteger(key, values.GetValue(i)!), min, max);
        return result;
    }

    private static long InRange(string key, long value, long min, long max) =>
        value >= min && value <= max
            ? value
            : throw new ModelCheckFailure($"{key} is {value.ToString("N0", CultureInfo.InvariantCulture)}, outside {min.ToString("N0", CultureInfo.InvariantCulture)}..{max.ToString("N0", CultureInfo.InvariantCulture)}");

    private static long AsInteger(string key, object value) => value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        long v => v,
        ulong v => v <= long.MaxValue ? (long)v : long.MaxValue,
        _ => throw new ModelCheckFailure($"{key} must be an integer, not {Describe(value)}"),
    };

    public static string Describe(object value) => value switch
    {
        GgufArray a => $"an array of {a.Count} {a.ElementType}",
        GgufLongString l => $"a string of {l.Length:N0} bytes",
        string => "a string",
        bool => "a bool",
        _ => $"a {value.GetType().Name}",
    };
}
