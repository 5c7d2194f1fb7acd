namespace PairwiseCL.Core.Checkpoints;

/// <summary>A checkpoint file that cannot be read: wrong format, unsupported content or corrupt data.</summary>
public sealed class CheckpointFormatException(string message, Exception? inner = null) : Exception(message, inner);
