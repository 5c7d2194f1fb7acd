using System.IO.Compression;
using PairwiseCL.Core.Checkpoints;

namespace PairwiseCL.Core.Tests.Checkpoints;

public sealed class PyTorchZipFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pytorch-zip-tests").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, CheckpointTensor> Sample() => new()
    {
        ["encoder.weight"] = CheckpointTensor.Create(Enumerable.Range(0, 24).Select(i => i * 0.5f - 3).ToArray(), 2, 3, 4),
        ["encoder.bias"] = CheckpointTensor.Create([0.1f, 0.2f], 2),
        ["scalar_like"] = CheckpointTensor.Create([7f], 1),
    };

    [Theory]
    [InlineData(TensorElementType.Float32)]
    [InlineData(TensorElementType.Float16)]
    public void RoundTripsAStateDict(TensorElementType type)
    {
        var path = Path.Combine(folder, "pytorch_model.bin");
        PyTorchZipFile.Write(path, Sample(), type, root: "pytorch_model");
        var read = CheckpointFile.Read(path);

        Assert.Equal(Sample().Keys, read.Keys);
        foreach (var (key, tensor) in Sample())
        {
            Assert.Equal(tensor.Shape, read[key].Shape);
            Assert.Equal(tensor.Values.Select(v => type == TensorElementType.Float16 ? (float)(Half)v : v), read[key].Values);
        }
    }

    [Fact]
    public void LegacyNonZipFormatIsRejectedWithAdvice()
    {
        var path = Path.Combine(folder, "legacy.pth");
        // Legacy torch.save starts with a pickled magic number (protocol 2 header 0x80 0x02).
        File.WriteAllBytes(path, [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));
        Assert.Contains("legacy", error.Message);
    }

    [Fact]
    public void PicklesCallingUnknownGlobalsAreRefusedNotExecuted()
    {
        var path = Path.Combine(folder, "evil.pt");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("archive/data.pkl").Open();
            // PROTO 2; GLOBAL 'os system'; SHORT_BINUNICODE 'ls'; TUPLE1; REDUCE; STOP
            entry.Write([0x80, 0x02, (byte)'c', .."os\nsystem\n"u8, 0x8c, 2, (byte)'l', (byte)'s', 0x85, (byte)'R', (byte)'.']);
        }
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));
        Assert.Contains("os.system", error.Message);
    }

    [Fact]
    public void ZipWithoutAPickleIsNotACheckpoint()
    {
        var path = Path.Combine(folder, "other.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
            archive.CreateEntry("readme.txt");
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Read(path));
        Assert.Contains("data.pkl", error.Message);
    }
}
