using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Tests.TestSupport;
using static PairwiseCL.Web.Tests.Datasets.TestArchives;

namespace PairwiseCL.Web.Tests.Datasets;

public sealed class CorpusImportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnUploadWithSomeBadFiles_ImportsTheRest_AndListsEachBadFile()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(
            ("meta/clips.csv", Text("path;who;day;emotion\n../audio/good.wav;s1;1;neu\n../audio/notes.wav;s1;1;ang\n../audio/cut.wav;s2;2;sad\n")),
            ("audio/good.wav", Wav()),
            ("audio/notes.wav", Text("not audio")),
            ("audio/cut.wav", TruncatedWav()));
        var columns = new CsvColumnMapping(File: "path", Speaker: "who", Session: "day", Label: "emotion");

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "mixed", columns);

        Assert.Equal(JobState.Succeeded, job.State);
        // Each bad file is named as the archive has it, never by where the server extracted it.
        Assert.Contains("skipped audio/notes.wav: ", job.Log);
        Assert.Contains("skipped audio/cut.wav: ", job.Log);
        Assert.DoesNotContain(portal.Folder, job.Log);
        Assert.Contains("1 utterances imported, 2 file(s) skipped", job.Log);
        var repository = portal.Get<CorpusRepository>();
        var corpus = await repository.LoadAsync((await repository.FindIdByNameAsync("mixed"))!.Value);
        var clip = Assert.Single(corpus!.Utterances);
        Assert.Equal(("good", "s1", "1", "neu"), (clip.Id, clip.Speaker, clip.Session, clip.Label));
        var audio = corpus.ResolveAudioPath(clip);
        Assert.StartsWith(Path.Combine(portal.Folder, "data", "corpora"), audio);
        Assert.Equal(Wav(), File.ReadAllBytes(audio));
        Assert.Empty(Directory.GetFiles(Path.Combine(portal.Folder, "data", "uploads"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AnUploadWithNothingUsable_FailsNamingTheFile_WithoutServerPaths()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var zip = Zip(("clips.csv", Text("file,speaker,session,label\nsub/notes.wav,s1,1,neu\n")), ("sub/notes.wav", Text("not audio")));

        var job = await UploadSteps.UploadAndImportAsync(portal, admin, zip, "unusable");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("First problem: sub/notes.wav: ", job.Error);
        Assert.DoesNotContain(portal.Folder, job.Error);
        Assert.DoesNotContain(portal.Folder, job.Log);
    }

    [Fact]
    public async Task AServerFolderWithOneFolderPerLabel_IsImported()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);
        var root = Path.Combine(portal.Folder, "server-audio");
        Directory.CreateDirectory(Path.Combine(root, "neu"));
        Directory.CreateDirectory(Path.Combine(root, "ang"));
        await File.WriteAllBytesAsync(Path.Combine(root, "neu", "x.wav"), Wav());
        await File.WriteAllBytesAsync(Path.Combine(root, "ang", "y.wav"), Wav(0.5));

        var outcome = await admin.Get<DatasetService>().ImportFromServerAsync(CorpusSourceKind.FolderPerLabel, root, "per-label");
        var missing = await admin.Get<DatasetService>().ImportFromServerAsync(CorpusSourceKind.EmoDb, Path.Combine(root, "nowhere"), "emo");
        Assert.True(outcome.Accepted, outcome.Message);
        var job = await JobWaiting.UntilFinishedAsync(portal, outcome.JobId!.Value);

        Assert.Equal(JobState.Succeeded, job.State);
        var repository = portal.Get<CorpusRepository>();
        var corpus = await repository.LoadAsync((await repository.FindIdByNameAsync("per-label"))!.Value);
        Assert.Equal(["ang", "neu"], corpus!.Utterances.Select(u => u.Label!).Order());
        Assert.False(missing.Accepted);
        Assert.Contains("There is no folder", missing.Message);
    }

    [Fact]
    public async Task TheSyntheticDemoCorpus_IsGeneratedIntoTheDataFolder()
    {
        await using var admin = await SignedInScope.AdminAsync(portal);

        var outcome = await admin.Get<DatasetService>().GenerateSyntheticAsync("demo", seed: 3, clipsPerSpeakerAndEmotion: 1);
        var again = await admin.Get<DatasetService>().GenerateSyntheticAsync("demo", seed: 3, clipsPerSpeakerAndEmotion: 1);
        var job = await JobWaiting.UntilFinishedAsync(portal, outcome.JobId!.Value);

        Assert.Equal(JobState.Succeeded, job.State);
        var summary = (await portal.Get<CorpusRepository>().ListAsync()).Single(c => c.Name == "demo");
        Assert.Equal(32, summary.Utterances);
        Assert.Equal(4, summary.Labels);
        Assert.StartsWith(Path.Combine(portal.Folder, "data", "corpora"), summary.AudioRoot);
        // The second request was queued before the first finished; its job must refuse the taken name.
        var second = await JobWaiting.UntilFinishedAsync(portal, again.JobId!.Value);
        Assert.Equal(JobState.Failed, second.State);
        Assert.Contains("already exists", second.Error);
    }
}
