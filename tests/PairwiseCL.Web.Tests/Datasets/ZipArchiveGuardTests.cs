using PairwiseCL.Web.Datasets;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Datasets;

public sealed class ZipArchiveGuardTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pcl-guard-").FullName;

    [Fact]
    public void TooManyEntries_AndTooManyBytes_AreRefused_WhileAnHonestArchivePasses()
    {
        var zip = Write(SmallCorpus());

        var honest = ZipArchiveGuard.Inspect(zip, new DatasetOptions());
        var crowded = ZipArchiveGuard.Inspect(zip, new DatasetOptions { MaxEntries = 2 });
        var large = ZipArchiveGuard.Inspect(zip, new DatasetOptions { MaxExtractedBytes = 1000 });

        Assert.True(honest.IsSafe, honest.Message);
        Assert.Equal(["labels.csv", "wav/a.wav", "wav/b.wav"], honest.Files);
        Assert.False(crowded.IsSafe);
        Assert.Contains("holds 3 entries; at most 2", crowded.Message);
        Assert.False(large.IsSafe);
        Assert.Contains("unpacks to more than 1000 bytes", large.Message);
    }

    /// <summary>Extraction failed half-way on such archives (the experiment import answered 500).</summary>
    [Theory]
    [InlineData("wav/a.wav", "wav/a.wav", "holds the file 'wav/a.wav' twice")]
    [InlineData("wav/a.wav", "wav\\a.wav", "holds the file 'wav/a.wav' twice")]
    [InlineData("wav/a.wav", "./wav//a.wav", "holds the file 'wav/a.wav' twice")]
    [InlineData("wav", "wav/a.wav", "holds 'wav' both as a file and as a folder")]
    public void EntriesLandingOnOnePath_AreRefusedBeforeExtraction(string first, string second, string problem)
    {
        var check = ZipArchiveGuard.Inspect(Write(Zip(("labels.csv", Text("x")), (first, Wav()), (second, Wav()))), new DatasetOptions());

        Assert.False(check.IsSafe);
        Assert.Contains(problem, check.Message);
    }

    [Fact]
    public void ANonZipFile_IsRefusedClearly()
    {
        var check = ZipArchiveGuard.Inspect(Write(Text("not a zip at all")), new DatasetOptions());

        Assert.False(check.IsSafe);
        Assert.StartsWith("The upload is not a readable zip archive", check.Message);
    }

    [Fact]
    public async Task TheExtractor_WritesAnAcceptedArchiveInsideItsTargetFolder()
    {
        var zip = Write(SmallCorpus());
        var target = Path.Combine(folder, "out");

        await SafeZipExtractor.ExtractAsync(zip, target, new DatasetOptions(), CancellationToken.None);

        Assert.Equal(["labels.csv", "wav/a.wav", "wav/b.wav"],
            Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f).Replace('\\', '/')).Order());
        Assert.Equal(Wav(0.3, 220), File.ReadAllBytes(Path.Combine(target, "wav", "a.wav")));
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
