namespace PairwiseCL.Core.Models;

/// <summary>
/// One clip's class probabilities (in the model's class order) and the most probable class;
/// <see cref="TrimmedToSeconds"/> is set when only the clip's first seconds were classified.
/// </summary>
public sealed record EmotionPrediction(IReadOnlyDictionary<string, double> Probabilities, string Predicted, double? TrimmedToSeconds = null);
