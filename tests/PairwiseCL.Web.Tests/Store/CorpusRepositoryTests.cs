using Microsoft.EntityFrameworkCore;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Store;

/// <summary>The corpus store on both providers: the derived classes below run every test on SQLite and on PostgreSQL.</summary>
public abstract class CorpusRepositoryTests(PortalFactory portal)
{
    private CorpusRepository Corpora => portal.Get<CorpusRepository>();

    [Fact]
    public async Task SavedCorpus_LoadsBackIdentical()
    {
        _ = portal.Server;
        var corpus = SampleCorpora.Iemocap("round-trip");

        var id = await Corpora.SaveAsync(corpus);
        var loaded = await Corpora.LoadAsync(id);

        Assert.NotNull(loaded);
        SampleCorpora.AssertSame(corpus, loaded);
        // Merges and exclusions survive, so the loaded label set maps labels like the original.
        var iemocap4 = loaded.LabelSets.Single(l => l.Name == "IEMOCAP-4");
        Assert.Equal(new[] { "neu", "hap" }, loaded.Labelled(iemocap4).Select(x => iemocap4.Classes[x.ClassIndex]));
    }

    [Fact]
    public async Task List_CountsUtterancesSpeakersSessionsLabelsAndDuration()
    {
        _ = portal.Server;
        var id = await Corpora.SaveAsync(SampleCorpora.Iemocap("counted"));

        var summary = Assert.Single(await Corpora.ListAsync(), c => c.Id == id);

        Assert.Equal(("counted", 4, 4, 3, 3), (summary.Name, summary.Utterances, summary.Speakers, summary.Sessions, summary.Labels));
        Assert.Equal(1.94 + 2.5 + 3.25 + 0.75, summary.TotalDurationSeconds, 9);
    }

    [Fact]
    public async Task List_CountsLabelsAsTheFirstLabelSetDoes_AMergedClassNoLonger()
    {
        _ = portal.Server;
        var corpus = new Corpus("merged-count", "/audio",
        [
            new Utterance("a", "a.wav", 1, "s1", "1", "neutral"),
            new Utterance("b", "b.wav", 1, "s1", "1", "calm"),
            new Utterance("c", "c.wav", 1, "s1", "1", "anger"),
        ],
        [new LabelSet("emotions", ["neutral", "anger"], new Dictionary<string, string> { ["calm"] = "neutral" })]);

        var id = await Corpora.SaveAsync(corpus);

        Assert.Equal(2, (await Corpora.FindSummaryAsync(id))!.Labels);
    }

    [Fact]
    public async Task Saving_ASecondCorpusWithTheSameName_IsRefusedAndLeavesTheFirstUntouched()
    {
        _ = portal.Server;
        var first = SampleCorpora.Iemocap("taken");
        var id = await Corpora.SaveAsync(first);
        var second = first with { Utterances = first.Utterances.Take(1).ToList() };

        var error = await Assert.ThrowsAsync<CorpusStoreException>(() => Corpora.SaveAsync(second));

        Assert.Contains("already exists", error.Message);
        SampleCorpora.AssertSame(first, (await Corpora.LoadAsync(id))!);
    }

    [Fact]
    public async Task Saving_RepeatedUtteranceIds_IsRefusedWithoutWritingAnything()
    {
        _ = portal.Server;
        var corpus = SampleCorpora.Iemocap("repeated");
        corpus = corpus with { Utterances = [.. corpus.Utterances, corpus.Utterances[0]] };

        var error = await Assert.ThrowsAsync<CorpusStoreException>(() => Corpora.SaveAsync(corpus));

        Assert.Contains("Ses01F_impro01_F000", error.Message);
        Assert.Null(await Corpora.FindIdByNameAsync("repeated"));
    }

    [Fact]
    public async Task Delete_IsRefusedWithTheExperimentNamesWhileAnExperimentUsesTheCorpus()
    {
        _ = portal.Server;
        var id = await Corpora.SaveAsync(SampleCorpora.Iemocap("in-use"));
        var experimentId = await AddExperimentAsync("tau-0.5 sweep", id);

        var refused = await Corpora.DeleteAsync(id);

        Assert.False(refused.Deleted);
        Assert.Contains("'tau-0.5 sweep'", refused.Message);
        Assert.NotNull(await Corpora.LoadAsync(id));

        await using (var db = await portal.CreateDbContextAsync())
            await db.Experiments.Where(e => e.Id == experimentId).ExecuteDeleteAsync();
        var deleted = await Corpora.DeleteAsync(id);

        Assert.True(deleted.Deleted, deleted.Message);
        Assert.Null(await Corpora.LoadAsync(id));
        await using var check = await portal.CreateDbContextAsync();
        Assert.False(await check.Utterances.AnyAsync(u => u.CorpusId == id));
    }

    private async Task<int> AddExperimentAsync(string name, int corpusId)
    {
        await using var db = await portal.CreateDbContextAsync();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == Workspace.DefaultSlug).Select(w => w.Id).SingleAsync();
        var experiment = new ExperimentEntity
        {
            WorkspaceId = workspaceId,
            Name = name,
            ConfigurationJson = "{\"tau\":0.5}",
            ConfigurationHash = "abc123",
            FinetuneCorpusId = corpusId,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        return experiment.Id;
    }
}

public sealed class CorpusRepositoryOnSqliteTests(PortalFactory portal) : CorpusRepositoryTests(portal), IClassFixture<PortalFactory>;

public sealed class CorpusRepositoryOnPostgresTests(PostgresPortalFactory portal) : CorpusRepositoryTests(portal), IClassFixture<PostgresPortalFactory>;
