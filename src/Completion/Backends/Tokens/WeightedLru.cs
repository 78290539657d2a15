namespace LlamaCode.Completion.Backends.Tokens;

/// <summary>
/// A least-recently-used cache bounded by the total weight of its entries (here: characters of cached text), so that a
/// few long texts cannot hold more memory than many short ones. Thread-safe.
/// </summary>
internal sealed class WeightedLru<TKey, TValue>(long maxWeight, Func<TKey, TValue, long> weigh) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value, long Weight)>> _entries = new();
    private readonly LinkedList<(TKey Key, TValue Value, long Weight)> _order = new(); // most recent first
    private readonly Lock _gate = new();
    private long _weight;

    public int Count { get { lock (_gate) return _entries.Count; } }
    public long Weight { get { lock (_gate) return _weight; } }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Adds or replaces an entry, then drops the least recently used ones until the total weight fits (an entry heavier than the bound is not kept).</summary>
    public void Set(TKey key, TValue value)
    {
        long weight = Math.Max(1, weigh(key, value));
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old);
                _weight -= old.Value.Weight;
            }
            if (weight > maxWeight) return;
            _entries[key] = _order.AddFirst((key, value, weight));
            _weight += weight;
            while (_weight > maxWeight && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
                _weight -= last.Value.Weight;
            }
        }
    }
}
