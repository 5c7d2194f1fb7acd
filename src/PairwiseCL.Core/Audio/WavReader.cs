using System.Buffers.Binary;
using PairwiseCL.Core.Files;

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

    /// <summary>How <see cref="AudioFormatException.Problem"/> starts for a valid WAV in an encoding this reader does not decode (mu-law, ADPCM, ...).</summary>
    public const string UnsupportedEncodingProblem = "uses an unsupported WAV encoding";

    /// <summary>How <see cref="AudioFormatException.Problem"/> starts for a float WAV holding NaN or infinite samples.</summary>
    public const string NonFiniteSampleProblem = "holds a NaN or infinite sample";

    public static AudioClip Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = ProtectedFiles.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
        return Read(bytes, path);
    }

    /// <summary>
    /// Rate, channels and length from the header alone (the sample data is not read), so that importing
    /// thousands of files stays cheap. Applies the same validity checks as <see cref="Read(string)"/>.
    /// </summary>
    public static WavInfo ReadInfo(string path)
    {
        try
        {
            using var stream = ProtectedFiles.OpenRead(path, 4096, FileOptions.SequentialScan);
            var layout = ReadLayout(stream, path);
            return new WavInfo(layout.Format.SampleRate, layout.Format.Channels, layout.Format.BitsPerSample, layout.Frames, layout.Format.Encoding == FormatFloat);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    /// <summary>Whether the file starts like a RIFF/WAVE file (false for an empty file).</summary>
    public static bool IsWavFile(string path)
    {
        Span<byte> header = stackalloc byte[12];
        try
        {
            using var stream = ProtectedFiles.OpenRead(path);
            return LooksLikeWav(header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    public static bool LooksLikeWav(ReadOnlySpan<byte> header) =>
        header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8);

    public static AudioClip Read(ReadOnlySpan<byte> bytes, string nameForErrors) => Read(bytes.ToArray(), nameForErrors);

    public static AudioClip Read(byte[] bytes, string nameForErrors)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var layout = ReadLayout(stream, nameForErrors);
        var data = bytes.AsSpan((int)layout.DataOffset, (int)(layout.Frames * layout.Format.BlockAlign));
        return new AudioClip(DecodeMono(data, layout.Format, (int)layout.Frames, nameForErrors), layout.Format.SampleRate);
    }

    private sealed record WavFormat(ushort Encoding, int Channels, int SampleRate, int BitsPerSample, int BlockAlign);

    private sealed record WavLayout(WavFormat Format, long DataOffset, long Frames);

    /// <summary>Walks the RIFF chunks up to 'data', reading only chunk headers and the 'fmt ' body.</summary>
    private static WavLayout ReadLayout(Stream stream, string name)
    {
        var total = stream.Length;
        if (total == 0) throw new AudioFormatException(name, "is empty (0 bytes)");
        Span<byte> riff = stackalloc byte[12];
        if (stream.ReadAtLeast(riff, 12, throwOnEndOfStream: false) < 12 || !LooksLikeWav(riff))
            throw new AudioFormatException(name, "is not a RIFF/WAVE file");

        WavFormat? format = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        long position = 12;
        while (position + 8 <= total)
        {
            stream.Position = position;
            stream.ReadExactly(chunkHeader);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var body = position + 8;
            if (chunkHeader[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > total)
                    throw new AudioFormatException(name, "has a truncated 'fmt ' chunk");
                var fmt = new byte[(int)Math.Min(Math.Min(size, 64u), (ulong)(total - body))];
                stream.ReadExactly(fmt);
                format = ParseFormat(fmt, name);
            }
            else if (chunkHeader[..4].SequenceEqual("data"u8))
            {
                if (format is null) throw new AudioFormatException(name, "has a 'data' chunk before its 'fmt ' chunk");
                return new WavLayout(format, body, CompleteFrames(format, size, total - body, name));
            }
            position = body + size + (size & 1);
        }
        throw new AudioFormatException(name, format is null ? "has no 'fmt ' chunk" : "has no 'data' chunk (truncated?)");
    }

    private static long CompleteFrames(WavFormat format, uint declaredSize, long available, string name)
    {
        // Streamed writers (ffmpeg to a pipe) leave 0 or 0xFFFFFFFF as size: both mean "read what is there".
        var declared = declaredSize is 0 or uint.MaxValue ? available : declaredSize;
        var frames = Math.Min(declared, available) / format.BlockAlign;
        if (frames == 0 && declared > 0)
            throw new AudioFormatException(name, "is truncated: its 'data' chunk holds no complete sample");
        // A little missing tail is common (interrupted copies); losing more than half the audio is not usable.
        if (declared > available && frames * format.BlockAlign < declared * 0.5)
            throw new AudioFormatException(name, $"is truncated: 'data' declares {declared} bytes but only {available} are present");
        if (frames > int.MaxValue) throw new AudioFormatException(name, "is too long to decode in memory");
        return frames;
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, string name)
    {
        var encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (encoding == FormatExtensible)
        {
            if (fmt.Length < 40) throw new AudioFormatException(name, "has a WAVE_FORMAT_EXTENSIBLE header without its sub-format");
            encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // first two bytes of the sub-format GUID
        }
        if (channels == 0) throw new AudioFormatException(name, "declares 0 channels");
        if (rate > int.MaxValue || !SupportedSampleRates.Contains((int)rate)) throw new AudioFormatException(name, SupportedSampleRates.Problem(rate));
        var supported = (encoding, bits) switch
        {
            (FormatPcm, 8 or 16 or 24 or 32) => true,
            (FormatFloat, 32 or 64) => true,
            _ => false,
        };
        if (!supported)
            throw new AudioFormatException(name, $"{UnsupportedEncodingProblem} (format tag {encoding}, {bits} bits); supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit");
        // The header's block-align field is wrong in some writers' output; the layout follows from the rest.
        return new WavFormat(encoding, channels, (int)rate, bits, channels * bits / 8);
    }

    /// <exception cref="AudioFormatException">A float sample is NaN or infinite (or the mix overflows a float).</exception>
    private static float[] DecodeMono(ReadOnlySpan<byte> data, WavFormat f, int frames, string name)
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
            // Only float encodings can hold them; NaN would poison features, checkpoints and JSON results.
            if (f.Encoding == FormatFloat && !float.IsFinite(mono[i]))
                throw new AudioFormatException(name, $"{NonFiniteSampleProblem} at {(double)i / f.SampleRate:0.###} s (sample {i:N0})");
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
