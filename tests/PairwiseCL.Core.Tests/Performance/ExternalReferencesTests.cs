using PairwiseCL.Core.Performance;

namespace PairwiseCL.Core.Tests.Performance;

public sealed class ExternalReferencesTests
{
    [Fact]
    public void AMissingSmilExtractIsReportedNotRequired()
    {
        var (binary, config, missing) = ExternalReferences.SmileExtract(Path.Combine(Path.GetTempPath(), "no-such-SMILExtract"), null);
        Assert.Null(binary);
        Assert.Null(config);
        Assert.Contains("SMILExtract not installed", missing);
    }

    [Fact]
    public void TheEgemapsConfigIsFoundInTheSourceTreeAboveTheBinary()
    {
        // openSMILE's build puts SMILExtract in build/progsrc/smilextract/ below the tree that holds config/.
        var root = Directory.CreateTempSubdirectory("opensmile-").FullName;
        try
        {
            var binary = Path.Combine(root, "build", "progsrc", "smilextract", "SMILExtract");
            Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
            File.WriteAllText(binary, "");
            var config = Path.Combine(root, "config", "egemaps", "v02", "eGeMAPSv02.conf");
            Directory.CreateDirectory(Path.GetDirectoryName(config)!);
            File.WriteAllText(config, "");

            var found = ExternalReferences.SmileExtract(binary, null);

            Assert.Equal(binary, found.Binary);
            Assert.Equal(config, found.Config);
            Assert.Null(found.Missing);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ChildCpuTimeIsCountedOnceTheChildIsWaitedFor() // Linux: /proc/self/stat, /bin/sh (the project runs on Linux only)
    {
        var before = ExternalReferences.ChildrenCpuSeconds();
        var run = ExternalReferences.Run("/bin/sh", ["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"], TimeSpan.FromMinutes(5));
        Assert.Equal(0, run?.ExitCode);
        Assert.True(ExternalReferences.ChildrenCpuSeconds() > before, "the busy child's CPU time was not counted");
    }

    [Fact]
    public void TheReferenceScriptsShipWithTheRepository()
    {
        var folder = ExternalReferences.ScriptFolder();
        Assert.NotNull(folder);
        Assert.True(File.Exists(Path.Combine(folder, "torch_training_step.py")));
        Assert.True(File.Exists(Path.Combine(folder, "sklearn_tsne.py")));
        Assert.True(File.Exists(Path.Combine(folder, "torchaudio_logmel.py")));
    }
}
