using System.Buffers.Binary;

namespace PairwiseCL.Core.Audio;

/// <summary>
/// Native RIFF/WAVE decoder: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, any channel
/// count (mixed to mono by averaging), any rate. Every failure names the file.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    public static AudioClip Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
        return Read(bytes, path);
    }

    public static bool LooksLikeWav(ReadOnlySpan<byte> header) =>
        header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8);

    public static AudioClip Read(ReadOnlySpan<byte> bytes, string nameForErrors)
    {
        if (bytes.Length == 0) throw new AudioFormatException(nameForErrors, "is empty (0 bytes)");
        if (!LooksLikeWav(bytes)) throw new AudioFormatException(nameForErrors, "is not a RIFF/WAVE file");

        WavFormat? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > bytes.Length)
                    throw new AudioFormatException(nameForErrors, "has a truncated 'fmt ' chunk");
                format = ParseFormat(bytes.Slice(body, (int)Math.Min(size, (uint)(bytes.Length - body))), nameForErrors);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null) throw new AudioFormatException(nameForErrors, "has a 'data' chunk before its 'fmt ' chunk");
                // Streamed writers leave 0 or 0xFFFFFFFF as size; a short file is truncated: both mean "read what is there".
                var available = bytes.Length - body;
                var declared = size is 0 or uint.MaxValue ? (long)available : size;
                var length = (int)Math.Min(declared, available);
                var frames = length / format.BlockAlign;
                if (frames == 0 && declared > 0)
                    throw new AudioFormatException(nameForErrors, "is truncated: its 'data' chunk holds no complete sample");
                if (declared > available && frames * format.BlockAlign < declared * 0.5)
                    throw new AudioFormatException(nameForErrors, $"is truncated: 'data' declares {declared} bytes but only {available} are present");
                return new AudioClip(DecodeMono(bytes.Slice(body, frames * format.BlockAlign), format, frames), format.SampleRate);
            }
            position = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        throw new AudioFormatException(nameForErrors, format is null ? "has no 'fmt ' chunk" : "has no 'data' chunk (truncated?)");
    }

    private sealed record WavFormat(ushort Encoding, int Channels, int SampleRate, int BitsPerSample, int BlockAlign);

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, string name)
    {
        var encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (encoding == FormatExtensible)
        {
            if (fmt.Length < 40) throw new AudioFormatException(name, "has a WAVE_FORMAT_EXTENSIBLE header without its sub-format");
            encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // first two bytes of the sub-format GUID
        }
        if (channels == 0) throw new AudioFormatException(name, "declares 0 channels");
        if (rate <= 0) throw new AudioFormatException(name, $"declares an invalid sample rate {rate}");
        var supported = (encoding, bits) switch
        {
            (FormatPcm, 8 or 16 or 24 or 32) => true,
            (FormatFloat, 32 or 64) => true,
            _ => false,
        };
        if (!supported)
            throw new AudioFormatException(name, $"uses an unsupported WAV encoding (format tag {encoding}, {bits} bits); supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit");
        var expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign) blockAlign = (ushort)expectedAlign; // some writers get this field wrong
        return new WavFormat(encoding, channels, rate, bits, blockAlign);
    }

    private static float[] DecodeMono(ReadOnlySpan<byte> data, WavFormat f, int frames)
    {
        var mono = new float[frames];
        var bytesPerSample = f.BitsPerSample / 8;
        var scale = 1.0 / f.Channels;
        for (var i = 0; i < frames; i++)
        {
            double sum = 0;
            var frame = data.Slice(i * f.BlockAlign, f.BlockAlign);
            for (var c = 0; c < f.Channels; c++)
                sum += ReadSample(frame.Slice(c * bytesPerSample, bytesPerSample), f);
            mono[i] = (float)(sum * scale);
        }
        return mono;
    }

    private static double ReadSample(ReadOnlySpan<byte> s, WavFormat f) => (f.Encoding, f.BitsPerSample) switch
    {
        (FormatPcm, 8) => (s[0] - 128) / 128.0,
        (FormatPcm, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768.0,
        (FormatPcm, 24) => ((s[2] << 24 | s[1] << 16 | s[0] << 8) >> 8) / 8388608.0,
        (FormatPcm, 32) => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0,
        (FormatFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
    };
}
