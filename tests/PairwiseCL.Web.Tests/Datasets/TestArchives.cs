using System.IO.Compression;
using System.Text;
using PairwiseCL.Core.Audio;

namespace PairwiseCL.Web.Tests.Datasets;

/// <summary>Small zip archives, honest and hostile, built in memory for upload tests.</summary>
public static class TestArchives
{
    public const string Manifest = "file,speaker,session,label\n";

    /// <summary>A zip of named entries; a null content makes a symbolic link pointing at /etc/passwd.</summary>
    public static byte[] Zip(params (string Name, byte[]? Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                if (content is null) entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
                using var stream = entry.Open();
                stream.Write(content ?? Encoding.UTF8.GetBytes("/etc/passwd"));
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A real 16 kHz mono 16-bit WAV of a short tone.</summary>
    public static byte[] Wav(double seconds = 0.3, double hertz = 220)
    {
        var samples = new float[(int)(16000 * seconds)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * hertz * i / 16000));
        var path = Path.GetTempFileName();
        try
        {
            WavWriter.WritePcm16(path, new AudioClip(samples, 16000));
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A WAV cut off in the middle of its data chunk (the header promises more samples than follow).</summary>
    public static byte[] TruncatedWav() => Wav()[..200];

    /// <summary>A two-clip labelled corpus (clips a and b, labels neu and ang).</summary>
    public static byte[] SmallCorpus() => Zip(
        ("labels.csv", Text(Manifest + "wav/a.wav,s1,1,neu\nwav/b.wav,s2,2,ang\n")),
        ("wav/a.wav", Wav(0.3, 220)),
        ("wav/b.wav", Wav(0.4, 330)));
}
