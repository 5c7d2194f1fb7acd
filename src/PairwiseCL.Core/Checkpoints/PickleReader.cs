using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace PairwiseCL.Core.Checkpoints;

/// <summary>A global (module, name) a pickle refers to; never imported, only recognised.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>An insertion-ordered dictionary as pickled by dict and collections.OrderedDict.</summary>
internal sealed class PickleDictionary
{
    public List<KeyValuePair<object?, object?>> Items { get; } = [];

    public void Set(object? key, object? value) => Items.Add(new(key, value));
}

/// <summary>
/// The subset of Python's pickle virtual machine (protocols 2-5) that <c>torch.save</c> state dicts use.
/// Globals are never executed: <see cref="Reduce"/> decides what each recognised call builds, and an
/// unknown one is an error naming it. Persistent ids (tensor storages) go to <see cref="PersistentLoad"/>.
/// </summary>
internal sealed class PickleReader(Stream stream, string displayName)
{
    private static readonly object Mark = new();

    private readonly BinaryReader reader = new(stream, Encoding.UTF8, leaveOpen: true);
    private readonly List<object?> stack = [];
    private readonly Dictionary<long, object?> memo = [];

    public required Func<object?, object?> PersistentLoad { get; init; }

    public required Func<PickleGlobal, object?[], object?> Reduce { get; init; }

    public object? Load()
    {
        while (true)
        {
            var opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: ReadByte(); break; // PROTO
                case 0x95: reader.ReadInt64(); break; // FRAME: framing is transparent to a sequential reader
                case (byte)'.': return Pop(); // STOP
                case (byte)'(': Push(Mark); break;
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'K': Push((long)ReadByte()); break;
                case (byte)'M': Push((long)reader.ReadUInt16()); break;
                case (byte)'J': Push((long)reader.ReadInt32()); break;
                case 0x8a: Push(ReadLong(ReadByte())); break; // LONG1
                case 0x8b: Push(ReadLong(reader.ReadInt32())); break; // LONG4
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break;
                case (byte)'X': Push(ReadUtf8(reader.ReadUInt32())); break; // BINUNICODE
                case 0x8c: Push(ReadUtf8(ReadByte())); break; // SHORT_BINUNICODE
                case 0x8d: Push(ReadUtf8((long)reader.ReadUInt64())); break; // BINUNICODE8
                case (byte)'T': Push(Encoding.Latin1.GetString(ReadBytes(reader.ReadInt32()))); break; // BINSTRING
                case (byte)'U': Push(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINSTRING
                case (byte)'B': Push(ReadBytes(reader.ReadInt32())); break; // BINBYTES
                case (byte)'C': Push(ReadBytes(ReadByte())); break; // SHORT_BINBYTES
                case 0x8e: Push(ReadBytes((long)reader.ReadUInt64())); break; // BINBYTES8
                case (byte)'}': Push(new PickleDictionary()); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)')': Push(Array.Empty<object?>()); break;
                case (byte)'d': Push(ToDictionary(PopToMark())); break;
                case (byte)'l': Push(PopToMark().ToList()); break;
                case (byte)'t': Push(PopToMark()); break;
                case 0x85: Push(new[] { Pop() }); break;
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
                case (byte)'s': { var value = Pop(); var key = Pop(); Peek<PickleDictionary>("SETITEM").Set(key, value); break; }
                case (byte)'u': SetItems(); break;
                case (byte)'a': { var value = Pop(); Peek<List<object?>>("APPEND").Add(value); break; }
                case (byte)'e': { var values = PopToMark(); Peek<List<object?>>("APPENDS").AddRange(values); break; }
                case (byte)'q': memo[ReadByte()] = Top(); break; // BINPUT
                case (byte)'r': memo[reader.ReadUInt32()] = Top(); break; // LONG_BINPUT
                case 0x94: memo[memo.Count] = Top(); break; // MEMOIZE
                case (byte)'h': Push(Recall(ReadByte())); break; // BINGET
                case (byte)'j': Push(Recall(reader.ReadUInt32())); break; // LONG_BINGET
                case (byte)'c': Push(new PickleGlobal(ReadLine(), ReadLine())); break; // GLOBAL
                case 0x93: { var name = (string)Pop()!; var module = (string)Pop()!; Push(new PickleGlobal(module, name)); break; } // STACK_GLOBAL
                case (byte)'R': case 0x81: { var args = Pop() as object?[] ?? throw Corrupt("call arguments are not a tuple"); Push(Call(Pop(), args)); break; } // REDUCE, NEWOBJ
                case (byte)'b': Pop(); break; // BUILD: the state of an OrderedDict or tensor (metadata) is not needed
                case (byte)'Q': Push(PersistentLoad(Pop())); break; // BINPERSID
                default:
                    throw new CheckpointFormatException($"{displayName}: pickle opcode 0x{opcode:x2} at byte {stream.Position - 1} is not supported; is this a PyTorch state dict?");
            }
        }
    }

    private object? Call(object? callable, object?[] args) =>
        callable is PickleGlobal global ? Reduce(global, args) : throw Corrupt("a call target is not a global");

    private void SetItems()
    {
        var items = PopToMark();
        var target = Peek<PickleDictionary>("SETITEMS");
        for (var i = 0; i + 1 < items.Length; i += 2)
            target.Set(items[i], items[i + 1]);
    }

    private static PickleDictionary ToDictionary(object?[] items)
    {
        var dictionary = new PickleDictionary();
        for (var i = 0; i + 1 < items.Length; i += 2)
            dictionary.Set(items[i], items[i + 1]);
        return dictionary;
    }

    private object?[] PopToMark()
    {
        var markIndex = stack.FindLastIndex(o => ReferenceEquals(o, Mark));
        if (markIndex < 0)
            throw Corrupt("MARK expected on the stack");
        var items = stack.Skip(markIndex + 1).ToArray();
        stack.RemoveRange(markIndex, stack.Count - markIndex);
        return items;
    }

    private T Peek<T>(string opcode) where T : class =>
        Top() as T ?? throw Corrupt($"{opcode} applied to a {Top()?.GetType().Name ?? "null"}");

    private object? Top() => stack.Count > 0 ? stack[^1] : throw Corrupt("stack underflow");

    private object? Pop()
    {
        var top = Top();
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private void Push(object? value) => stack.Add(value);

    private object? Recall(long index) => memo.TryGetValue(index, out var value) ? value : throw Corrupt($"memo slot {index} is empty");

    private byte ReadByte() => reader.ReadByte();

    private byte[] ReadBytes(long count) => count is < 0 or > int.MaxValue ? throw Corrupt($"length {count}") : reader.ReadBytes((int)count);

    private string ReadUtf8(long count) => Encoding.UTF8.GetString(ReadBytes(count));

    private long ReadLong(int byteCount)
    {
        var value = new BigInteger(ReadBytes(byteCount), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : throw Corrupt("integer beyond 64 bits");
    }

    private string ReadLine()
    {
        var bytes = new List<byte>();
        for (var b = ReadByte(); b != (byte)'\n'; b = ReadByte())
            bytes.Add(b);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private CheckpointFormatException Corrupt(string what) => new($"{displayName}: corrupt pickle ({what}).");
}
