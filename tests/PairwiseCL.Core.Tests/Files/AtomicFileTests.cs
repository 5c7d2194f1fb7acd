using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Tests.Files;

/// <summary>A file written through <see cref="AtomicFile"/> is the old one or the new one whole, and no temporary stays beside it.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pwcl-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AWriteReplacesTheFile_AndLeavesNoTemporary()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AWriteThatFailsHalfway_KeepsTheOldFile_AndRemovesItsTemporary()
    {
        var path = Path.Combine(_folder, "model.bin");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, temporary =>
        {
            File.WriteAllText(temporary, "half");
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["model.bin"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }
}
