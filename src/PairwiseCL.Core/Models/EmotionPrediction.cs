namespace PairwiseCL.Core.Models;

/// <summary>
/// One clip's class probabilities (in the model's class order) and the most probable class;
/// <see cref="TrimmedToSeconds"/> is set when only the clip's first seconds were classified.
/// </summary>
public sealed record EmotionPrediction(IReadOnlyDictionary<string, double> Probabilities, string Predicted, double? TrimmedToSeconds = null)
{
    /// <summary>A late fusion's prediction: each class's mean probability over the views' predictions of one clip, and the most probable class.</summary>
    public static EmotionPrediction Mean(IReadOnlyList<EmotionPrediction> predictions)
    {
        if (predictions.Count == 0) throw new ArgumentException("No prediction to average.", nameof(predictions));
        if (predictions.Count == 1) return predictions[0];
        var mean = predictions[0].Probabilities.Keys.ToDictionary(c => c, c => predictions.Average(p => p.Probabilities[c]));
        return new EmotionPrediction(mean, mean.MaxBy(p => p.Value).Key, predictions[0].TrimmedToSeconds);
    }
}
