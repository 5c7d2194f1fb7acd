namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>One utterance's eGeMAPSv02 output: the 88 functionals and the LLD contours they summarise.</summary>
public sealed record EgemapsResult(float[] Functionals, EgemapsLldTable LowLevelDescriptors, double DurationSeconds);
