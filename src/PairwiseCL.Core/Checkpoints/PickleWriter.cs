using System.Text;

namespace PairwiseCL.Core.Checkpoints;

/// <summary>
/// Emits the protocol-2 pickle <c>torch.save</c> writes for a state dict: an OrderedDict of
/// <c>_rebuild_tensor_v2</c> calls over persistent storages, with memoised globals as pickle does.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream buffer = new();
    private readonly Dictionary<string, int> memo = [];

    public byte[] ToArray() => buffer.ToArray();

    public void WriteStateDict(IReadOnlyDictionary<string, CheckpointTensor> tensors, string storageType)
    {
        Op(0x80); Op(2); // PROTO 2
        Global("collections", "OrderedDict");
        Op((byte)')'); // EMPTY_TUPLE
        Op((byte)'R'); // REDUCE
        Op((byte)'(');
        var storageKey = 0;
        foreach (var (name, tensor) in tensors)
        {
            Unicode(name);
            Global("torch._utils", "_rebuild_tensor_v2");
            Op((byte)'(');
            Op((byte)'(');
            Unicode("storage");
            Global("torch", storageType);
            Unicode((storageKey++).ToString());
            Unicode("cpu");
            Int(tensor.Values.Length);
            Op((byte)'t');
            Op((byte)'Q'); // BINPERSID
            Int(0);
            Tuple(tensor.Shape);
            Tuple(ContiguousStrides(tensor.Shape));
            Op(0x89); // NEWFALSE: requires_grad
            Global("collections", "OrderedDict");
            Op((byte)')');
            Op((byte)'R');
            Op((byte)'t');
            Op((byte)'R');
        }
        Op((byte)'u'); // SETITEMS
        Op((byte)'.');
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    private void Tuple(long[] values)
    {
        Op((byte)'(');
        foreach (var value in values)
            Int(value);
        Op((byte)'t');
    }

    private void Global(string module, string name)
    {
        var key = module + "\n" + name;
        if (memo.TryGetValue(key, out var slot))
        {
            Op((byte)'h'); Op((byte)slot); // BINGET
            return;
        }
        Op((byte)'c');
        buffer.Write(Encoding.UTF8.GetBytes(key + "\n"));
        slot = memo.Count;
        memo[key] = slot;
        Op((byte)'q'); Op((byte)slot); // BINPUT
    }

    private void Unicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Op((byte)'X');
        buffer.Write(BitConverter.GetBytes((uint)bytes.Length));
        buffer.Write(bytes);
    }

    private void Int(long value)
    {
        if (value is >= 0 and < 256)
        {
            Op((byte)'K'); Op((byte)value);
        }
        else
        {
            Op((byte)'J');
            buffer.Write(BitConverter.GetBytes(checked((int)value)));
        }
    }

    private void Op(byte value) => buffer.WriteByte(value);
}
