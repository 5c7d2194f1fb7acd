using PairwiseCL.Core.Models;

namespace PairwiseCL.Web.TryIt;

/// <summary>A prediction, or why there is none: the model is not visible here (<see cref="NotFound"/>) or the clip is unusable.</summary>
public sealed record PredictionOutcome(string Model, EmotionPrediction? Prediction, string? Problem, bool NotFound = false)
{
    public static PredictionOutcome Unknown(string model) => new(model, null, $"No model '{model}' in this experiment.", NotFound: true);

    public static PredictionOutcome Refused(string model, string problem) => new(model, null, problem);

    /// <summary>What the caller should know about a prediction: null, or that only the clip's first seconds were classified.</summary>
    public string? Note => Prediction?.TrimmedToSeconds is { } seconds
        ? $"The clip is longer than {seconds:0.##} s; only its first {seconds:0.##} s were classified."
        : null;
}
