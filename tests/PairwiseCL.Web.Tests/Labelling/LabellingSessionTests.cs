using PairwiseCL.Core.Corpora;
using PairwiseCL.Web.Labelling;

namespace PairwiseCL.Web.Tests.Labelling;

public sealed class LabellingSessionTests
{
    private static readonly LabelSet Emotions = new("emotions", ["neu", "ang"], new Dictionary<string, string> { ["exc"] = "ang" });

    private static LabellingSession Session() => new(new LabellingQueue(1, "c", ["emotions"], Emotions,
    [
        new QueueItem("a", "s1", "1", 1, "neu"),
        new QueueItem("b", "s1", "1", 1, "exc"),
        new QueueItem("c", "s2", "2", 1, null),
        new QueueItem("d", "s2", "2", 1, "oth"),
    ]));

    [Fact]
    public void ASession_StartsAtTheFirstClipWithoutALabelInTheSet_AndMapsKeysToClasses()
    {
        var session = Session();

        Assert.Equal("c", session.Current!.Key);
        Assert.Equal("neu", session.ClassForKey("1"));
        Assert.Equal("ang", session.ClassForKey("2"));
        Assert.Null(session.ClassForKey("3"));
        Assert.Null(session.ClassForKey(" "));
        Assert.Equal((2, 4), (session.Progress.Labelled, session.Progress.Total));
        Assert.Equal([("neu", 1), ("ang", 1)], session.Progress.PerClass);
    }

    [Fact]
    public void Labelling_MovesOn_AndUndoBringsTheClipBackWithItsEarlierLabel()
    {
        var session = Session();

        Assert.True(session.Labelled("ang", 10));
        Assert.Equal("d", session.Current!.Key);
        Assert.False(session.Labelled("neu", 11));
        Assert.Equal((4, 4), (session.Progress.Labelled, session.Progress.Total));

        Assert.Equal((11L, 3), session.PeekUndo());
        session.Undone("oth");
        Assert.Equal(("d", "oth"), (session.Current!.Key, session.Current.Label));
        session.Undone(null);
        Assert.Equal(("c", (string?)null), (session.Current!.Key, session.Current.Label));
        Assert.False(session.CanUndo);
        Assert.False(session.MovePrevious() && session.MovePrevious() && session.MovePrevious());
        Assert.Equal("a", session.Current!.Key);
    }

    [Fact]
    public void AReloadedQueue_KeepsTheClipAndTheUndoStack_AndMergedLabelsShowAsTheirClass()
    {
        var session = Session();
        Assert.True(session.Labelled("ang", 10));
        Assert.True(session.MovePrevious() && session.MovePrevious());
        Assert.Equal("b", session.Current!.Key);
        Assert.Equal("ang", session.ClassOf(session.Current)); // recorded "exc", merged into "ang"

        // The label set gained a class: the reloaded queue starts again at its first open clip by itself...
        var edited = Emotions with { Classes = ["neu", "ang", "hap"] };
        var queue = new LabellingQueue(1, "c", ["emotions"], edited, [.. session.Items]);
        Assert.Equal("d", new LabellingSession(queue).Current!.Key);
        // ...but the annotator's session stays on their clip, and can still undo.
        var reloaded = session.Reloaded(queue);
        Assert.Equal("b", reloaded.Current!.Key);
        Assert.Equal((10L, 2), reloaded.PeekUndo());
        Assert.Null(reloaded.ClassOf(reloaded.Items[3])); // "oth" is outside the set
    }

    [Fact]
    public void Reordering_MovesOnlyTheClipsFromTheCurrentOneOn_AndUndoStillFindsItsClip()
    {
        var session = new LabellingSession(new LabellingQueue(1, "c", ["s"], new LabelSet("s", ["a", "b"]),
            [new QueueItem("k1", "s1", "1", 1, null), new QueueItem("k2", "s1", "1", 1, null), new QueueItem("k3", "s1", "1", 1, null), new QueueItem("k4", "s1", "1", 1, null)]));
        session.Labelled("a", 10); // k1 labelled, now on k2

        session.Reorder(["k4", "k3"]);

        Assert.Equal(["k1", "k4", "k3", "k2"], session.Items.Select(i => i.Key));
        Assert.Equal("k4", session.Current!.Key);
        session.Undone(null);
        Assert.Equal("k1", session.Current!.Key);
        Assert.Null(session.Items[0].Label);
    }
}
