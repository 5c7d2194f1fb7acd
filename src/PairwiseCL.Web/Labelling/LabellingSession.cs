using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// One annotator's pass over a queue in the page: the clip in front of them, the labels they have set
/// (kept up to date locally so progress moves without reloading the corpus) and their undo stack.
/// </summary>
public sealed class LabellingSession
{
    private readonly List<QueueItem> items;
    private readonly Stack<(long EventId, int Index)> undo = new();

    public LabellingSession(LabellingQueue queue)
    {
        Queue = queue;
        items = [.. queue.Items];
        var firstOpen = items.FindIndex(i => queue.LabelSet?.Map(i.Label) is null);
        Index = firstOpen < 0 ? 0 : firstOpen;
    }

    private LabellingSession(LabellingQueue queue, LabellingSession earlier)
        : this(queue)
    {
        // Editing the label set (add, rename, merge) reloads the queue; the annotator stays on their clip
        // and keeps their undo stack (the clips and their order do not change).
        var same = earlier.Current is { } current ? items.FindIndex(i => i.Key == current.Key) : -1;
        if (same >= 0) Index = same;
        foreach (var entry in earlier.undo.Reverse()) undo.Push(entry);
    }

    public LabellingQueue Queue { get; }

    public LabelSet? LabelSet => Queue.LabelSet;

    public IReadOnlyList<QueueItem> Items => items;

    public int Index { get; private set; }

    public QueueItem? Current => items.Count == 0 ? null : items[Index];

    public bool CanUndo => undo.Count > 0;

    public LabellingProgress Progress => LabellingProgress.Of(items, LabelSet);

    /// <summary>The same session over a reloaded queue: on the same clip, with the same undo stack.</summary>
    public LabellingSession Reloaded(LabellingQueue queue) => new(queue, this);

    /// <summary>
    /// A clip's label as every page shows it: its class under the label set (after merges, so a clip
    /// recorded as "calm" shows "neutral" once calm is merged into neutral), null when it has none there.
    /// </summary>
    public string? ClassOf(QueueItem item) => LabelSet is { } set ? set.Map(item.Label) : item.Label;

    /// <summary>The class that key 1..9 stands for, or null.</summary>
    public string? ClassForKey(string key) =>
        LabellingKeys.ClassIndex(key) is { } i && LabelSet is { } set && i < set.Classes.Count ? set.Classes[i] : null;

    public bool MoveNext() => MoveTo(Index + 1);

    public bool MovePrevious() => MoveTo(Index - 1);

    public bool MoveTo(int index)
    {
        if (index < 0 || index >= items.Count || index == Index) return false;
        Index = index;
        return true;
    }

    /// <summary>
    /// Records a label the service accepted for the current clip and moves on to the next clip; false
    /// when this was the last one.
    /// </summary>
    public bool Labelled(string label, long? eventId)
    {
        items[Index] = items[Index] with { Label = label };
        if (eventId is { } id) undo.Push((id, Index));
        return MoveNext();
    }

    /// <summary>
    /// Puts the clips from the current one on in <paramref name="keys"/>'s order (the others after them, in their
    /// order so far); the clips already passed keep their places, so the undo stack still points at the right ones.
    /// </summary>
    public void Reorder(IReadOnlyList<string> keys)
    {
        var rank = keys.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => x.i);
        var rest = items.Skip(Index).Select((item, i) => (item, i))
            .OrderBy(x => rank.TryGetValue(x.item.Key, out var r) ? r : int.MaxValue).ThenBy(x => x.i)
            .Select(x => x.item).ToList();
        items.RemoveRange(Index, items.Count - Index);
        items.AddRange(rest);
    }

    /// <summary>The event to undo next and the clip it changed, without removing it.</summary>
    public (long EventId, int Index)? PeekUndo() => undo.Count == 0 ? null : undo.Peek();

    /// <summary>Applies an undo the service accepted: the clip gets its earlier label back and comes into view.</summary>
    public void Undone(string? previousLabel)
    {
        var (_, index) = undo.Pop();
        items[index] = items[index] with { Label = previousLabel };
        Index = index;
    }
}
