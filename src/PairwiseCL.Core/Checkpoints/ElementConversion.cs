using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PairwiseCL.Core.Checkpoints;

/// <summary>Little-endian decoding and encoding of the element types checkpoints use.</summary>
internal static class ElementConversion
{
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => 4,
        TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static float Read(ReadOnlySpan<byte> bytes, TensorElementType type) => type switch
    {
        TensorElementType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        TensorElementType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),
        // bfloat16 is the upper half of a float32.
        TensorElementType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
        TensorElementType.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static float[] Decode(ReadOnlySpan<byte> bytes, TensorElementType type)
    {
        // float32 on a little-endian machine is a plain copy (the common case: ~95 M values for BASE).
        if (type == TensorElementType.Float32 && BitConverter.IsLittleEndian)
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        var size = SizeOf(type);
        var values = new float[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
            values[i] = Read(bytes.Slice(i * size, size), type);
        return values;
    }

    public static byte[] Encode(ReadOnlySpan<float> values, TensorElementType type)
    {
        var size = SizeOf(type);
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = bytes.AsSpan(i * size, size);
            switch (type)
            {
                case TensorElementType.Float32: BinaryPrimitives.WriteSingleLittleEndian(slot, values[i]); break;
                case TensorElementType.Float16: BinaryPrimitives.WriteHalfLittleEndian(slot, (Half)values[i]); break;
                case TensorElementType.BFloat16: BinaryPrimitives.WriteUInt16LittleEndian(slot, ToBFloat16(values[i])); break;
                case TensorElementType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(slot, values[i]); break;
            }
        }
        return bytes;
    }

    /// <summary>Round-to-nearest-even truncation of a float32 to its upper 16 bits (what PyTorch does).</summary>
    private static ushort ToBFloat16(float value)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(value);
        if (float.IsNaN(value))
            return (ushort)((bits >> 16) | 0x40);
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
