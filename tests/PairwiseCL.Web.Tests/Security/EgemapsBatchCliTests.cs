using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// `pairwisecl egemaps --input DIR` names each bad WAV and still writes the functionals of the good ones
/// (exit code 0), like the importers; only a folder with nothing usable fails (exit code 1, no CSV).
/// </summary>
public sealed class EgemapsBatchCliTests : IDisposable
{
    private readonly string folder = PortalFactory.NewFolder();

    [Fact]
    public async Task BadWavsAreNamed_AndTheGoodOnesAreWritten()
    {
        var input = Path.Combine(folder, "wav");
        Directory.CreateDirectory(input);
        File.WriteAllBytes(Path.Combine(input, "good1.wav"), Wav(1.0, 220));
        File.WriteAllBytes(Path.Combine(input, "good2.wav"), Wav(1.0, 330));
        File.WriteAllBytes(Path.Combine(input, "cut.wav"), TruncatedWav());
        File.WriteAllBytes(Path.Combine(input, "stub.wav"), [1, 2, 3, 4]);
        var output = Path.Combine(folder, "functionals.csv");

        var (exitCode, log) = await RunAsync($"egemaps --input {input} --output {output} --threads 2");

        Assert.True(exitCode == 0, log);
        Assert.Contains("cut.wav", log);
        Assert.Contains("stub.wav", log);
        Assert.Contains("2 file(s) skipped", log);
        var rows = File.ReadAllLines(output);
        Assert.Equal(3, rows.Length); // header + the two good clips
        Assert.Equal(["'good1'", "'good2'"], rows.Skip(1).Select(r => r.Split(';')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFolderWithNothingUsable_FailsWithoutACsv()
    {
        var input = Path.Combine(folder, "bad");
        Directory.CreateDirectory(input);
        File.WriteAllBytes(Path.Combine(input, "stub.wav"), [1, 2, 3, 4]);
        var output = Path.Combine(folder, "none.csv");

        var (exitCode, log) = await RunAsync($"egemaps --input {input} --output {output}");

        Assert.Equal(1, exitCode);
        Assert.Contains("stub.wav", log);
        Assert.False(File.Exists(output));
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string arguments) => CliProcess.RunAsync(arguments);

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
