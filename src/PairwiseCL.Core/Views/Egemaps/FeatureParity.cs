namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>Agreement of one functional with openSMILE across utterances.</summary>
public sealed record FeatureParity(string Feature, double PearsonR, double MedianRelativeDifference, int Utterances);
