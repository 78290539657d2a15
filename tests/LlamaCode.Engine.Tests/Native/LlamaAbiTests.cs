using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LlamaCode.Engine.Native;

namespace LlamaCode.Engine.Tests.Native;

/// <summary>
/// Every struct we pass to llama.cpp has the size and field offsets that the pinned llama.h gives
/// (llama-abi.txt is generated from the header by scripts/gen-abi-table.sh).
/// </summary>
public class LlamaAbiTests
{
    private static readonly Dictionary<string, Type> Bound = new()
    {
        ["llama_model_params"] = typeof(LlamaModelParams),
        ["llama_context_params"] = typeof(LlamaContextParams),
        ["llama_batch"] = typeof(LlamaBatch),
        ["llama_token_data"] = typeof(LlamaTokenData),
        ["llama_token_data_array"] = typeof(LlamaTokenDataArray),
        ["llama_sampler_chain_params"] = typeof(LlamaSamplerChainParams),
        ["llama_chat_message"] = typeof(LlamaChatMessage),
        ["llama_perf_context_data"] = typeof(LlamaPerfContextData),
    };

    public static TheoryData<string, string, int> Table()
    {
        var data = new TheoryData<string, string, int>();
        var path = Path.Combine(AppContext.BaseDirectory, "Native", "llama-abi.txt");
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split(' ');
            if (parts[1] == "size") data.Add(parts[0], "(size)", int.Parse(parts[2]));
            else
            {
                var dot = parts[0].IndexOf('.');
                data.Add(parts[0][..dot], parts[0][(dot + 1)..], int.Parse(parts[1]));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Struct_layout_matches_the_header(string cStruct, string field, int expected)
    {
        var type = Bound[cStruct];
        var actual = field == "(size)" ? SizeOf(type) : (int)Marshal.OffsetOf(type, field);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_bound_struct_is_in_the_table()
    {
        var inTable = Table().Select(row => (string)row[0]).ToHashSet();
        Assert.Empty(Bound.Keys.Where(k => !inTable.Contains(k)));
    }

    [Fact]
    public void Every_field_of_every_bound_struct_is_checked()
    {
        var checkedFields = Table().Select(row => $"{row[0]}.{row[1]}").ToHashSet();
        var missing = Bound.SelectMany(kv => kv.Value.GetFields().Select(f => $"{kv.Key}.{f.Name}"))
            .Where(f => !checkedFields.Contains(f));
        Assert.Empty(missing);
    }

    private static int SizeOf(Type t) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(t).Invoke(null, null)!;
}
