namespace PairwiseCL.Core.Audio;

/// <summary>A file that cannot be decoded as audio; the message always names the file.</summary>
public sealed class AudioFormatException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
