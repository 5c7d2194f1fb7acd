using Microsoft.EntityFrameworkCore;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Labelling;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Labelling;

public sealed class LabellingServiceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Set = "emotions";

    [Fact]
    public async Task Labelling_SetsTheLabel_AndRecordsTheAnnotatorAndTime()
    {
        var corpusId = await SaveCorpusAsync("label");
        await using var admin = await SignedInScope.AdminAsync(portal);
        var before = DateTime.UtcNow.AddSeconds(-1);

        var outcome = await admin.Get<LabellingService>().LabelAsync(corpusId, "c2", Set, "ang");

        Assert.True(outcome.Done, outcome.Message);
        Assert.Equal("ang", await LabelOfAsync(corpusId, "c2"));
        var labelEvent = Assert.Single(await EventsAsync(corpusId, "c2"));
        Assert.Equal((admin.UserId, (string?)null, "ang"), (labelEvent.UserId, labelEvent.PreviousLabel, labelEvent.Label));
        Assert.InRange(labelEvent.AtUtc, before, DateTime.UtcNow.AddSeconds(1));
        var queue = await admin.Get<LabellingService>().GetQueueAsync(corpusId);
        Assert.Equal((3, 3), (queue!.Progress.Labelled, queue.Progress.Total));
        Assert.Equal([("neu", 1), ("ang", 1), ("sad", 1)], queue.Progress.PerClass);
    }

    [Fact]
    public async Task ALabel_RecordsWhichOrderShowedTheClip_AndWhere()
    {
        var corpusId = await SaveCorpusAsync("provenance");
        await using var admin = await SignedInScope.AdminAsync(portal);
        var service = admin.Get<LabellingService>();

        await service.LabelAsync(corpusId, "c2", Set, "ang", provenance: new LabelProvenance("diversity", 3, "abc123"));
        var plain = await service.LabelAsync(corpusId, "c1", Set, "sad");
        await service.UndoAsync(corpusId, plain.EventId!.Value);

        var picked = Assert.Single(await EventsAsync(corpusId, "c2"));
        Assert.Equal((LabelSource.Human, "diversity", (int?)3, "abc123"), (picked.Source, picked.Strategy, picked.QueuePosition, picked.EncoderSet));
        var events = await EventsAsync(corpusId, "c1");
        Assert.All(events, e => Assert.Equal(LabelSource.Human, e.Source));
        Assert.Contains(events, e => e.Strategy == "undo");
        Assert.Contains(events, e => e.Strategy is null && e.QueuePosition is null); // a caller that says nothing records nothing
    }

    [Fact]
    public async Task Undo_RestoresThePreviousLabel_AndKeepsBothEventsInTheHistory()
    {
        var corpusId = await SaveCorpusAsync("undo");
        await using var admin = await SignedInScope.AdminAsync(portal);
        var service = admin.Get<LabellingService>();

        var labelled = await service.LabelAsync(corpusId, "c1", Set, "sad");
        var undone = await service.UndoAsync(corpusId, labelled.EventId!.Value);

        Assert.True(undone.Done, undone.Message);
        Assert.Equal("neu", await LabelOfAsync(corpusId, "c1"));
        var history = await service.HistoryAsync(corpusId, "c1");
        Assert.Equal([("sad", "neu"), ("neu", "sad")], history.Select(h => (h.PreviousLabel, h.Label)));
        Assert.All(history, h => Assert.Equal(PortalFactory.AdminEmail, h.Annotator));
    }

    [Fact]
    public async Task Undo_IsRefusedWhenTheClipWasRelabelledSince()
    {
        var corpusId = await SaveCorpusAsync("undo-stale");
        await using var admin = await SignedInScope.AdminAsync(portal);
        var service = admin.Get<LabellingService>();
        var first = await service.LabelAsync(corpusId, "c3", Set, "ang");
        await service.LabelAsync(corpusId, "c3", Set, "neu");

        var undone = await service.UndoAsync(corpusId, first.EventId!.Value);

        Assert.False(undone.Done);
        Assert.Contains("relabelled since", undone.Message);
        Assert.Equal("neu", await LabelOfAsync(corpusId, "c3"));
    }

    [Fact]
    public async Task AViewer_SeesTheQueue_ButCannotLabelUndoOrEditTheLabelSet()
    {
        var corpusId = await SaveCorpusAsync("viewer");
        long adminEvent;
        await using (var admin = await SignedInScope.AdminAsync(portal))
            adminEvent = (await admin.Get<LabellingService>().LabelAsync(corpusId, "c2", Set, "sad")).EventId!.Value;
        await using var viewer = await SignedInScope.MemberAsync(portal, "viewer@lab.test", WorkspaceRole.Viewer);
        var service = viewer.Get<LabellingService>();

        var queue = await service.GetQueueAsync(corpusId);
        var label = await service.LabelAsync(corpusId, "c1", Set, "ang");
        var undo = await service.UndoAsync(corpusId, adminEvent);
        var add = await viewer.Get<LabelSetService>().AddClassAsync(corpusId, Set, "hap");

        Assert.Equal(3, queue!.Items.Count);
        Assert.False(await service.CanLabelAsync());
        Assert.False(label.Done);
        Assert.Contains("Only editors and owners", label.Message);
        Assert.False(undo.Done);
        Assert.False(add.Done);
        Assert.Equal("neu", await LabelOfAsync(corpusId, "c1"));
        Assert.Equal("sad", await LabelOfAsync(corpusId, "c2"));
        Assert.Single(await EventsAsync(corpusId, "c2"));
        Assert.Empty(await EventsAsync(corpusId, "c1"));
        Assert.Equal(["neu", "ang", "sad"], (await service.GetQueueAsync(corpusId))!.LabelSet!.Classes);
    }

    [Fact]
    public async Task ALabelOutsideTheSet_IsRefused()
    {
        var corpusId = await SaveCorpusAsync("outside");
        await using var admin = await SignedInScope.AdminAsync(portal);

        var outcome = await admin.Get<LabellingService>().LabelAsync(corpusId, "c1", Set, "bored");

        Assert.False(outcome.Done);
        Assert.Contains("'bored' is not a class", outcome.Message);
        Assert.Equal("neu", await LabelOfAsync(corpusId, "c1"));
    }

    [Fact]
    public async Task EditingTheLabelSet_AddsRenamesAndMerges_WithoutLosingHistory()
    {
        var corpusId = await SaveCorpusAsync("edit");
        await using var admin = await SignedInScope.AdminAsync(portal);
        var labelling = admin.Get<LabellingService>();
        var sets = admin.Get<LabelSetService>();
        await labelling.LabelAsync(corpusId, "c2", Set, "ang");

        var added = await sets.AddClassAsync(corpusId, Set, "hap");
        var duplicate = await sets.AddClassAsync(corpusId, Set, "hap");
        var renamed = await sets.RenameClassAsync(corpusId, Set, "ang", "angry");
        var merged = await sets.MergeClassAsync(corpusId, Set, "sad", "neu");

        Assert.True(added.Done && renamed.Done && merged.Done, string.Join(" | ", added.Message, renamed.Message, merged.Message));
        Assert.False(duplicate.Done);
        var queue = await labelling.GetQueueAsync(corpusId);
        Assert.Equal(["neu", "angry", "hap"], queue!.LabelSet!.Classes);
        Assert.Equal("neu", queue.LabelSet.Merges!["sad"]);
        Assert.Equal("angry", await LabelOfAsync(corpusId, "c2"));
        // The clip labelled sad keeps its raw label; the merge makes it count as neu.
        Assert.Equal("sad", await LabelOfAsync(corpusId, "c3"));
        Assert.Equal([("neu", 2), ("angry", 1), ("hap", 0)], queue.Progress.PerClass);
        Assert.Equal([(null, "ang"), ("ang", "angry")], (await EventsAsync(corpusId, "c2")).Select(e => (e.PreviousLabel, e.Label)));
    }

    private async Task<int> SaveCorpusAsync(string name)
    {
        _ = portal.Server;
        var corpus = new Corpus(name, Path.Combine(portal.Folder, name),
            [
                new Utterance("c1", "c1.wav", 1.0, "s1", "1", "neu"),
                new Utterance("c2", "c2.wav", 1.5, "s1", "1", null),
                new Utterance("c3", "c3.wav", 2.0, "s2", "2", "sad"),
            ],
            [new LabelSet(Set, ["neu", "ang", "sad"])]);
        return await portal.Get<CorpusRepository>().SaveAsync(corpus);
    }

    private async Task<string?> LabelOfAsync(int corpusId, string key)
    {
        await using var db = await portal.CreateDbContextAsync();
        return await db.Utterances.Where(u => u.CorpusId == corpusId && u.Key == key).Select(u => u.Label).SingleAsync();
    }

    private async Task<List<LabelEvent>> EventsAsync(int corpusId, string key)
    {
        await using var db = await portal.CreateDbContextAsync();
        return await db.LabelEvents.AsNoTracking()
            .Where(e => e.Utterance!.CorpusId == corpusId && e.Utterance.Key == key)
            .OrderBy(e => e.Id).ToListAsync();
    }
}
