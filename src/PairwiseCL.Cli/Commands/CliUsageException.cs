namespace PairwiseCL.Cli.Commands;

/// <summary>A mistake in how a command was called; printed without a stack trace, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
