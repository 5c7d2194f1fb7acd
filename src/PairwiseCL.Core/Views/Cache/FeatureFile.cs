using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace PairwiseCL.Core.Views.Cache;

/// <summary>
/// One cached feature matrix on disk: "PWCLFEAT", format version, storage type, rank, shape, valid
/// frames, payload, and an XxHash64 of everything before it, so a truncated or altered file is detected.
/// </summary>
internal static class FeatureFile
{
    private static readonly byte[] Magic = "PWCLFEAT"u8.ToArray();
    private const ushort FormatVersion = 1;

    public static byte[] Encode(FeatureMatrix features, FeatureStorage storage)
    {
        features.EnsureConsistent();
        var headerLength = Magic.Length + 2 + 1 + 1 + 4 * features.Shape.Length + 4;
        var elementSize = storage == FeatureStorage.Float16 ? 2 : 4;
        var bytes = new byte[headerLength + features.Data.Length * elementSize + 8];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var at = Magic.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], FormatVersion); at += 2;
        span[at++] = (byte)storage;
        span[at++] = (byte)features.Shape.Length;
        foreach (var dimension in features.Shape) { BinaryPrimitives.WriteInt32LittleEndian(span[at..], dimension); at += 4; }
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], features.ValidFrames); at += 4;

        var payload = span.Slice(at, features.Data.Length * elementSize);
        if (storage == FeatureStorage.Float32)
            MemoryMarshal.AsBytes(features.Data.AsSpan()).CopyTo(payload);
        else
            for (var i = 0; i < features.Data.Length; i++)
                BinaryPrimitives.WriteHalfLittleEndian(payload[(2 * i)..], (Half)features.Data[i]);

        var checksumAt = bytes.Length - 8;
        BinaryPrimitives.WriteUInt64LittleEndian(span[checksumAt..], XxHash64.HashToUInt64(span[..checksumAt]));
        return bytes;
    }

    /// <returns>The matrix, or null when the bytes are not an intact feature file.</returns>
    public static FeatureMatrix? TryDecode(ReadOnlySpan<byte> bytes)
    {
        var minimum = Magic.Length + 2 + 1 + 1 + 4 + 8;
        if (bytes.Length < minimum || !bytes[..Magic.Length].SequenceEqual(Magic)) return null;
        var checksumAt = bytes.Length - 8;
        if (XxHash64.HashToUInt64(bytes[..checksumAt]) != BinaryPrimitives.ReadUInt64LittleEndian(bytes[checksumAt..])) return null;

        var at = Magic.Length;
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) != FormatVersion) return null;
        at += 2;
        var storage = (FeatureStorage)bytes[at++];
        int rank = bytes[at++];
        var shape = new int[rank];
        for (var d = 0; d < rank; d++) { shape[d] = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]); at += 4; }
        var validFrames = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]); at += 4;

        var count = shape.Aggregate(1L, (n, d) => n * d);
        var elementSize = storage == FeatureStorage.Float16 ? 2 : 4;
        if (count < 0 || at + count * elementSize != checksumAt) return null;
        var payload = bytes.Slice(at, (int)(count * elementSize));
        var data = new float[count];
        if (storage == FeatureStorage.Float32)
            payload.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
        else
            for (var i = 0; i < data.Length; i++)
                data[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(payload[(2 * i)..]);
        return new FeatureMatrix(shape, data, validFrames);
    }
}
