namespace PairwiseCL.Core.Audio;

/// <summary>
/// A least-recently-used cache bounded by entry count and by the total size of its values; a value larger
/// than the size bound is handed back without being kept. Values are created outside the lock (two callers
/// may both create one; the first stored wins).
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int maxEntries, long maxBytes, Func<TValue, long> sizeOf) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value, long Bytes)>> _entries = [];
    private readonly LinkedList<(TKey Key, TValue Value, long Bytes)> _recency = new(); // most recently used first
    private readonly Lock _lock = new();
    private long _bytes;

    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    public long Bytes
    {
        get { lock (_lock) return _bytes; }
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (TryGet(key, out var cached)) return cached;
        var value = create(key);
        var size = sizeOf(value);
        if (size > maxBytes) return value;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing)) return Touch(existing);
            _entries[key] = _recency.AddFirst((key, value, size));
            _bytes += size;
            while (_entries.Count > maxEntries || _bytes > maxBytes)
            {
                var oldest = _recency.Last!.Value;
                _recency.RemoveLast();
                _entries.Remove(oldest.Key);
                _bytes -= oldest.Bytes;
            }
        }
        return value;
    }

    private bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            var found = _entries.TryGetValue(key, out var node);
            value = found ? Touch(node!) : default!;
            return found;
        }
    }

    private TValue Touch(LinkedListNode<(TKey Key, TValue Value, long Bytes)> node)
    {
        _recency.Remove(node);
        _recency.AddFirst(node);
        return node.Value.Value;
    }
}
