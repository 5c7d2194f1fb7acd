namespace PairwiseCL.Core.Audio;

/// <summary>An audio container recognised from a file's first bytes, with the media type it is served as.</summary>
public sealed record AudioFormat(string Name, string ContentType);

/// <summary>
/// Audio formats told from content, never from the file name (a WAV named x.html is still a WAV, and an
/// HTML page named x.wav is not audio), and the file extensions an import accepts as audio.
/// </summary>
public static class AudioFormats
{
    /// <summary>Bytes <see cref="Sniff"/> needs at most.</summary>
    public const int HeaderBytes = 36;

    /// <summary>Extensions (lower case, with the dot) of files an import treats as audio; other files are refused unopened.</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".wave", ".flac", ".mp3", ".mp2", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".aifc",
        ".webm", ".weba", ".mka", ".wma", ".caf", ".au", ".snd", ".amr", ".wv", ".ape",
    };

    public static bool HasAudioExtension(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The format the header shows, or null when it is none of the audio containers we know.</summary>
    public static AudioFormat? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8)) return new("WAV", "audio/wav");
        if (header.StartsWith("fLaC"u8)) return new("FLAC", "audio/flac");
        if (header.StartsWith("OggS"u8)) return new("Ogg", "audio/ogg");
        if (header.StartsWith("ID3"u8)) return new("MP3", "audio/mpeg");
        if (header.Length >= 12 && header[..4].SequenceEqual("FORM"u8) && (header[8..12].SequenceEqual("AIFF"u8) || header[8..12].SequenceEqual("AIFC"u8)))
            return new("AIFF", "audio/aiff");
        if (header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8)) return new("MPEG-4 audio", "audio/mp4");
        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return new("WebM/Matroska", "audio/webm");
        if (header.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11])) return new("WMA", "audio/x-ms-wma");
        if (header.StartsWith("caff"u8)) return new("CAF", "audio/x-caf");
        if (header.StartsWith(".snd"u8)) return new("Sun/NeXT audio", "audio/basic");
        if (header.StartsWith("#!AMR"u8)) return new("AMR", "audio/amr");
        if (header.StartsWith("wvpk"u8)) return new("WavPack", "audio/x-wavpack");
        if (header.StartsWith("MAC "u8)) return new("Monkey's Audio", "audio/x-ape");
        // MPEG audio frame (MP1/2/3) or AAC ADTS: an 11- or 12-bit frame sync.
        if (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xF6) == 0xF0) return new("AAC", "audio/aac");
        if (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0 && (header[1] & 0x06) != 0) return new("MP3", "audio/mpeg");
        return null;
    }

    /// <summary>The format of a file from its first bytes (opened through <see cref="Files.ProtectedFiles"/>).</summary>
    public static AudioFormat? Sniff(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return Sniff(header[..read]);
    }
}
