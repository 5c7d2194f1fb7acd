using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Tests.Audio;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Corpora.Importers;

/// <summary>
/// A manifest may name only files inside the folders its import may read: absolute paths, ".." and links
/// leading out are refused per row, unopened, with words that do not say whether the file exists.
/// </summary>
public sealed class ManifestConfinementTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RowsNamingFilesOutsideTheCorpusFolder_AreRefusedUnopened_AndAlikeWhetherOrNotTheFileExists()
    {
        var corpus = _folder.File("corpus");
        Directory.CreateDirectory(corpus);
        File.WriteAllBytes(Path.Combine(corpus, "inside.wav"), Wav());
        var secret = _folder.File("secret.txt");
        File.WriteAllText(secret, "not for the importer");
        File.WriteAllBytes(_folder.File("outside.wav"), Wav());
        File.CreateSymbolicLink(Path.Combine(corpus, "link.wav"), _folder.File("outside.wav"));
        var manifest = Path.Combine(corpus, "labels.csv");
        File.WriteAllText(manifest, "file,speaker,session,label\n" +
            "inside.wav,s1,1,neu\n" +
            $"{secret},s1,1,neu\n" +
            $"{_folder.File("missing.txt")},s1,1,neu\n" +
            "../outside.wav,s1,1,ang\n" +
            "../missing.wav,s1,1,ang\n" +
            "link.wav,s1,1,ang\n");
        var decoder = new RecordingDecoder();

        var result = new CsvManifestImporter(new CsvManifestOptions(manifest, Confinement: PathConfinement.Within([corpus])), decoder).Import();

        Assert.Equal(["inside"], result.Corpus.Utterances.Select(u => u.Id));
        Assert.Equal(5, result.Problems.Count);
        // One sentence for every refused row, the existing and the missing alike (no existence oracle).
        Assert.Single(result.Problems.Select(p => p.Message.Replace(CellOf(p.Message), "<cell>")).Distinct());
        Assert.All(result.Problems, p => Assert.Contains("outside the folders this import may read", p.Message));
        Assert.Empty(decoder.Decoded);
    }

    [Fact]
    public void WithoutAConfinement_RelativeAndAbsolutePathsResolveAsBefore()
    {
        var corpus = _folder.File("corpus");
        Directory.CreateDirectory(corpus);
        File.WriteAllBytes(_folder.File("outside.wav"), Wav());
        var manifest = Path.Combine(corpus, "labels.csv");
        File.WriteAllText(manifest, $"file,speaker,session,label\n../outside.wav,s1,1,neu\n");

        var result = new CsvManifestImporter(new CsvManifestOptions(manifest)).Import();

        Assert.Empty(result.Problems);
        Assert.Single(result.Corpus.Utterances);
    }

    private static string CellOf(string message) => message[(message.IndexOf('\'') + 1)..message.IndexOf('\'', message.IndexOf('\'') + 1)];

    private static byte[] Wav() => TestWav.Build([TestWav.Tone(220, 16000, 0.2)], 16000, TestWav.Encoding.Pcm, 16);

    private sealed class RecordingDecoder : IAudioDecoder
    {
        public List<string> Decoded { get; } = [];

        public AudioClip Decode(string path, CancellationToken ct = default)
        {
            lock (Decoded) Decoded.Add(path);
            return AudioDecoder.Default.Decode(path, ct);
        }
    }
}
