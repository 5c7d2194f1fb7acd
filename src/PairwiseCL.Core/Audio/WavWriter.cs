using System.Buffers.Binary;

namespace PairwiseCL.Core.Audio;

/// <summary>Writes mono 16-bit PCM WAV files (the format corpora are usually distributed in).</summary>
public static class WavWriter
{
    public static void WritePcm16(string path, AudioClip clip)
    {
        var dataBytes = clip.Samples.Length * 2;
        var bytes = new byte[44 + dataBytes];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)clip.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)clip.SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (var i = 0; i < clip.Samples.Length; i++)
        {
            // Round to nearest and saturate: clipping beats wrap-around on the rare overshoot.
            var value = Math.Clamp(Math.Round(clip.Samples[i] * 32768.0), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], (short)value);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllBytes(path, bytes);
    }
}
