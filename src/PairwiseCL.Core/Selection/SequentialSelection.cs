namespace PairwiseCL.Core.Selection;

/// <summary>The order the clips came in (file order): what the labelling page did before strategies existed.</summary>
public sealed class SequentialSelection : ISelectionStrategy
{
    public string Name => "sequential";

    public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default) =>
        pool.Unlabelled.Take(Math.Max(0, count)).Select(i => new SelectionPick(i, "next in file order")).ToList();
}
