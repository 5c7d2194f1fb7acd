using System.Buffers.Binary;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>WAV files written byte by byte, so their headers can declare what a hostile client chooses.</summary>
public static class HostileWavs
{
    /// <summary>A mono 16-bit PCM WAV of a 220 Hz tone (at its own rate) with <paramref name="frames"/> samples declaring <paramref name="sampleRate"/>.</summary>
    public static byte[] Pcm16(uint sampleRate, int frames)
    {
        var data = new byte[frames * 2];
        for (var i = 0; i < frames; i++)
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)(8000 * Math.Sin(2 * Math.PI * 220 * i / Math.Max(sampleRate, 1.0))));
        return Build(sampleRate, formatTag: 1, bits: 16, data);
    }

    /// <summary>A mono 32-bit float WAV at 16 kHz holding <paramref name="samples"/> as they are (NaN and infinities included).</summary>
    public static byte[] Float32(params float[] samples)
    {
        var data = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), samples[i]);
        return Build(16000, formatTag: 3, bits: 32, data);
    }

    /// <summary><paramref name="seconds"/> of a 16 kHz float tone whose sample <paramref name="at"/> is replaced by <paramref name="value"/>.</summary>
    public static byte[] Float32ToneWith(float value, int at = 100, double seconds = 0.5)
    {
        var samples = Enumerable.Range(0, (int)(16000 * seconds)).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 16000))).ToArray();
        samples[at] = value;
        return Float32(samples);
    }

    private static byte[] Build(uint sampleRate, ushort formatTag, ushort bits, byte[] data)
    {
        var blockAlign = (ushort)(bits / 8);
        var bytes = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(36 + data.Length));
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(28), sampleRate * blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), bits);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)data.Length);
        data.CopyTo(bytes, 44);
        return bytes;
    }
}
