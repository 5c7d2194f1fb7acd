namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>A checkpoint whose tensors do not fit the configured wav2vec 2.0 architecture; the message lists every problem.</summary>
public sealed class Wav2Vec2CheckpointException(string message) : Exception(message);
