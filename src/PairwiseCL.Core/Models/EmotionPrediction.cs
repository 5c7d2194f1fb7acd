namespace PairwiseCL.Core.Models;

/// <summary>One clip's class probabilities (in the model's class order) and the most probable class.</summary>
public sealed record EmotionPrediction(IReadOnlyDictionary<string, double> Probabilities, string Predicted);
