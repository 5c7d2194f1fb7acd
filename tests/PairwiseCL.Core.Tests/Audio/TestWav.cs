using System.Buffers.Binary;

namespace PairwiseCL.Core.Tests.Audio;

/// <summary>
/// Builds WAV files byte by byte, independently of the product's writer, in every encoding the reader
/// claims to support (and some it must reject).
/// </summary>
public static class TestWav
{
    public enum Encoding : ushort { Pcm = 1, Float = 3 }

    /// <param name="channels">samples per channel, all channels the same length</param>
    public static byte[] Build(double[][] channels, int sampleRate, Encoding encoding, int bits,
        bool extensible = false, bool junkChunkBeforeFormat = false)
    {
        var frames = channels[0].Length;
        var bytesPerSample = bits / 8;
        var blockAlign = channels.Length * bytesPerSample;
        var data = new byte[frames * blockAlign];
        for (var i = 0; i < frames; i++)
            for (var c = 0; c < channels.Length; c++)
                WriteSample(data.AsSpan(i * blockAlign + c * bytesPerSample, bytesPerSample), channels[c][i], encoding, bits);

        var fmt = new byte[extensible ? 40 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, extensible ? (ushort)0xFFFE : (ushort)encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22); // cbSize
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)bits); // valid bits
            BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), 0); // channel mask
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000000X-0000-0010-8000-00aa00389b71}
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), (ushort)encoding);
            new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 }.CopyTo(fmt, 26);
        }

        using var stream = new MemoryStream();
        stream.Write("RIFF"u8);
        stream.Write(new byte[4]); // size patched below
        stream.Write("WAVE"u8);
        if (junkChunkBeforeFormat) WriteChunk(stream, "LIST", System.Text.Encoding.ASCII.GetBytes("INFOISFT\x05\0\0\0test\0")); // odd length: padded
        WriteChunk(stream, "fmt ", fmt);
        WriteChunk(stream, "data", data);
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    public static double[] Tone(double frequency, int sampleRate, double seconds, double amplitude = 0.5) =>
        Enumerable.Range(0, (int)Math.Round(seconds * sampleRate))
            .Select(n => amplitude * Math.Sin(2 * Math.PI * frequency * n / sampleRate)).ToArray();

    private static void WriteChunk(Stream stream, string id, byte[] body)
    {
        stream.Write(System.Text.Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        stream.Write(size);
        stream.Write(body);
        if (body.Length % 2 == 1) stream.WriteByte(0);
    }

    private static void WriteSample(Span<byte> target, double value, Encoding encoding, int bits)
    {
        switch (encoding, bits)
        {
            case (Encoding.Pcm, 8): target[0] = (byte)(Math.Round(value * 128) + 128); break;
            case (Encoding.Pcm, 16): BinaryPrimitives.WriteInt16LittleEndian(target, (short)Math.Round(value * 32768)); break;
            case (Encoding.Pcm, 24):
                var v24 = (int)Math.Round(value * 8388608);
                target[0] = (byte)v24; target[1] = (byte)(v24 >> 8); target[2] = (byte)(v24 >> 16);
                break;
            case (Encoding.Pcm, 32): BinaryPrimitives.WriteInt32LittleEndian(target, (int)Math.Round(value * 2147483648.0)); break;
            case (Encoding.Float, 32): BinaryPrimitives.WriteSingleLittleEndian(target, (float)value); break;
            case (Encoding.Float, 64): BinaryPrimitives.WriteDoubleLittleEndian(target, value); break;
            default: throw new ArgumentException($"No test encoding {encoding}/{bits}.");
        }
    }
}
