namespace PairwiseCL.Web.Experiments;

/// <summary>A corpus the form offers, with its label sets and raw labels to choose fine-tuning classes from.</summary>
public sealed record CorpusChoice(int Id, string Name, int Utterances, int Sessions, IReadOnlyList<string> LabelSets, IReadOnlyList<string> Labels);
