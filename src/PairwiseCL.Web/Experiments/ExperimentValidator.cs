using System.Globalization;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Checks a draft against its corpus before anything is stored or queued, and says in words what is
/// wrong: too few sessions for leave-one-session-out, a class missing from a fold's training sessions,
/// a label fraction that leaves a class with less than one example, out-of-range numbers.
/// </summary>
public static class ExperimentValidator
{
    /// <returns>The label set the experiment fine-tunes on, or null with the reasons in <paramref name="problems"/>.</returns>
    public static LabelSet? Check(ExperimentDraft draft, Corpus corpus, IReadOnlyList<string> availableViews, int maxNameLength, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(draft.Name)) problems.Add("Give the experiment a name.");
        else if (draft.Name.Length > maxNameLength) problems.Add($"The name is longer than {maxNameLength} characters.");
        if (!ExperimentKinds.All.Contains(draft.Kind))
        {
            problems.Add($"Unknown experiment kind '{draft.Kind}'; known: {string.Join(", ", ExperimentKinds.All)}.");
            return null;
        }
        if (draft.IsActiveLearning) return CheckSimulation(draft, corpus, availableViews, problems);
        CheckNumbers(draft, availableViews, problems);
        problems.AddRange(draft.ToConfiguration().Problems());

        var labels = ChooseLabels(draft, corpus, problems);
        if (labels is not null) CheckFolds(draft, corpus, labels, problems);
        return problems.Count == 0 ? labels : null;
    }

    /// <summary>The fine-tuning classes: a label set of the corpus by name, or the chosen raw labels.</summary>
    public static LabelSet? ChooseLabels(ExperimentDraft draft, Corpus corpus, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(draft.LabelSetName))
        {
            var set = corpus.LabelSets.FirstOrDefault(s => s.Name == draft.LabelSetName);
            if (set is null)
                problems.Add($"Corpus '{corpus.Name}' has no label set '{draft.LabelSetName}'.");
            return set;
        }
        var present = corpus.Utterances.Select(u => u.Label).OfType<string>().ToHashSet();
        var classes = draft.Labels.Distinct().ToList();
        if (classes.Count < 2)
        {
            problems.Add("Choose a label set or at least two labels to classify.");
            return null;
        }
        var unknown = classes.Where(c => !present.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"Label(s) {string.Join(", ", unknown)} do not occur in '{corpus.Name}'.");
            return null;
        }
        return new LabelSet("chosen labels", classes);
    }

    private static void CheckNumbers(ExperimentDraft draft, IReadOnlyList<string> availableViews, List<string> problems)
    {
        // Without pre-training one view is enough; the configuration names the two that pre-training needs.
        if (draft.Views.Count == 0 && !draft.Methods.Any(MethodNames.NeedsPretraining)) problems.Add("Choose at least one view.");
        CheckPretraining(draft, availableViews, problems);
        AtLeast(draft.FineTuneEpochs, 1, "Fine-tuning epochs", problems);
        AtLeast(draft.FineTunePatience, 1, "Fine-tuning patience", problems);
    }

    /// <summary>What the protocol and a simulation share: the views to pre-train and the pre-training's numbers.</summary>
    private static void CheckPretraining(ExperimentDraft draft, IReadOnlyList<string> availableViews, List<string> problems)
    {
        var unavailable = draft.Views.Where(v => !availableViews.Contains(v)).ToList();
        if (unavailable.Count > 0)
            problems.Add($"View(s) {string.Join(", ", unavailable)} are not available here; available: {string.Join(", ", availableViews)}.");
        if (draft.Temperatures.Count == 0) problems.Add("Give at least one temperature.");
        AtLeast(draft.PretrainEpochs, 1, "Pre-training epochs", problems);
        AtLeast(draft.PretrainPatience, 1, "Pre-training patience", problems);
        AtLeast(draft.BatchSize, 2, "Batch size", problems);
        if (!(draft.LearningRate > 0 && draft.LearningRate < 1))
            problems.Add($"The learning rate must lie above 0 and below 1; {draft.LearningRate.ToString("0.#####", CultureInfo.InvariantCulture)} does not.");
    }

    /// <summary>
    /// An active-learning simulation: the CLI's checks of its configuration, then the corpus: enough sessions (or
    /// speakers) for the folds, every class present, and a budget that some fold's pool (its labelled clips outside
    /// the test session) can pay for.
    /// </summary>
    private static LabelSet? CheckSimulation(ExperimentDraft draft, Corpus corpus, IReadOnlyList<string> availableViews, List<string> problems)
    {
        CheckPretraining(draft, availableViews, problems);
        if (draft.Temperatures.Count > 0 && !(draft.SimulationTemperature > 0))
            problems.Add($"The temperature (tau) must be above 0; {NumberList.Format([draft.SimulationTemperature])} is not.");
        problems.AddRange(draft.ToActiveLearning().Problems());
        var labels = ChooseLabels(draft, corpus, problems);
        if (labels is null) return null;

        var groups = draft.FoldScheme == FoldScheme.LeaveOneSpeakerOut
            ? ("speakers", "Leave-one-speaker-out", corpus.Utterances.Select(u => u.Speaker).Distinct().Count())
            : ("sessions", "Leave-one-session-out", corpus.Utterances.Select(u => u.Session).Distinct().Count());
        if (groups.Item3 < 3)
        {
            problems.Add($"{groups.Item2} needs at least 3 {groups.Item1} (test, validation, training); '{corpus.Name}' has {groups.Item3}.");
            return null;
        }
        var labelled = corpus.Labelled(labels).ToList();
        var missing = labels.Classes.Where((_, c) => labelled.All(l => l.ClassIndex != c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"No utterance of '{corpus.Name}' has class(es) {string.Join(", ", missing)}.");
            return null;
        }
        var pools = LeaveOneSessionOutFolds.Create(corpus.Utterances, draft.FoldScheme)
            .Select(f => f.Test.Select(u => u.Id).ToHashSet())
            .Select(test => labelled.Count(l => !test.Contains(l.Utterance.Id)))
            .ToList();
        var largest = pools.Max();
        if (draft.Budget > largest)
            problems.Add($"The budget ({draft.Budget} clips) is more than any fold's pool holds: at most {largest} labelled clips lie outside a test {groups.Item1[..^1]}; lower it to {largest} or fewer.");
        return problems.Count == 0 ? labels : null;
    }

    // Never raised silently: a number below its minimum is refused with its field's name.
    private static void AtLeast(int value, int minimum, string field, List<string> problems)
    {
        if (value < minimum) problems.Add($"{field} must be at least {minimum}; {value} is not.");
    }

    private static void CheckFolds(ExperimentDraft draft, Corpus corpus, LabelSet labels, List<string> problems)
    {
        var sessions = corpus.Utterances.Select(u => u.Session).Distinct().Count();
        if (sessions < 3)
        {
            problems.Add($"Leave-one-session-out needs at least 3 sessions (test, validation, training); '{corpus.Name}' has {sessions}.");
            return;
        }
        var labelled = corpus.Labelled(labels).ToList();
        var missing = labels.Classes.Where((_, c) => labelled.All(l => l.ClassIndex != c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"No utterance of '{corpus.Name}' has class(es) {string.Join(", ", missing)}.");
            return;
        }
        var fractions = draft.FractionsPercent.Where(f => f is > 0 and <= 100).ToList();
        if (fractions.Count == 0) return;
        var smallest = fractions.Min();
        var folds = LeaveOneSessionOutFolds.Create(corpus.Utterances, draft.FoldScheme);
        var trainIds = folds.Select(f => f.Train.Select(u => u.Id).ToHashSet()).ToList();
        for (var c = 0; c < labels.Classes.Count; c++)
        {
            // The fold whose training sessions hold the fewest examples of the class decides.
            var (fold, n) = folds
                .Select(f => (Fold: f, Count: labelled.Count(l => l.ClassIndex == c && trainIds[f.Index].Contains(l.Utterance.Id))))
                .MinBy(x => x.Count);
            if (n == 0)
                problems.Add($"Class '{labels.Classes[c]}' has no labelled example in the training sessions of fold {fold.Index + 1} (test session {fold.TestSession}).");
            else if (Math.Round(smallest / 100 * n, MidpointRounding.AwayFromZero) < 1)
                problems.Add($"{Percent(smallest)}% of the {n} '{labels.Classes[c]}' training examples of fold {fold.Index + 1} is less than one example; raise the smallest fraction to at least {Percent(Math.Ceiling(50.0 / n * 100) / 100)}%.");
        }
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
