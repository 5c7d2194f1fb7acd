using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Audio;

/// <summary>
/// Recognises audio containers by their first bytes, so that files which cannot be audio (a 4-byte
/// ".wav" stub, text, an executable) are refused at once instead of costing an ffmpeg process each.
/// The list covers the containers and streams ffmpeg is asked to decode in practice.
/// </summary>
public static class AudioSignature
{
    /// <summary>The shortest file any recognised container can hold audio in (a canonical WAV header is 44 bytes).</summary>
    public const int MinimumBytes = 32;

    private const int HeaderBytes = 16;

    private static readonly byte[][] AtStart =
    [
        "RIFF"u8.ToArray(), "RIFX"u8.ToArray(), "RF64"u8.ToArray(), "BW64"u8.ToArray(), // WAV, AVI and other RIFF forms
        "fLaC"u8.ToArray(), "OggS"u8.ToArray(), "ID3"u8.ToArray(), "FORM"u8.ToArray(), // FLAC, Ogg (Vorbis, Opus, FLAC), MP3 tag, AIFF
        "NIST_1A"u8.ToArray(), ".snd"u8.ToArray(), "caff"u8.ToArray(), "#!AMR"u8.ToArray(), // SPHERE (TIMIT), AU, CAF, AMR
        "MAC "u8.ToArray(), "wvpk"u8.ToArray(), "TTA1"u8.ToArray(), "MPCK"u8.ToArray(), "MP+"u8.ToArray(), // APE, WavPack, TTA, Musepack
        "DSD "u8.ToArray(), "FRM8"u8.ToArray(), // DSF, DFF
        [0x1A, 0x45, 0xDF, 0xA3], // Matroska / WebM
        [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11], // ASF (WMA)
        [0x00, 0x00, 0x01, 0xBA], // MPEG program stream
    ];

    /// <summary>Null when the file starts like a known audio container; otherwise why it is refused (without opening any tool).</summary>
    public static string? Problem(string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        long length;
        int read;
        try
        {
            using var stream = ProtectedFiles.OpenRead(path);
            length = stream.Length;
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
        if (length == 0) return "is empty (0 bytes)";
        if (length < MinimumBytes) return $"is only {length} bytes long, too short to be an audio file";
        return IsKnown(header[..read]) ? null
            : "is not in a known audio format (its first bytes match no WAV, FLAC, MP3, Ogg, M4A/MP4, AIFF, WebM or other audio header); it was not decoded";
    }

    public static bool IsKnown(ReadOnlySpan<byte> header)
    {
        foreach (var signature in AtStart)
            if (header.StartsWith(signature)) return true;
        if (header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8)) return true; // MP4, M4A, 3GP, MOV
        // An MPEG audio frame (MP3 without a tag) or an AAC ADTS frame: 11 sync bits.
        return header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0;
    }
}
