using System.Text.Json;
using PairwiseCL.Core.Checkpoints;

namespace PairwiseCL.Core.Tests.Numerics;

/// <summary>
/// The fixtures written by tools/reference-fixtures/make_torch_references.py with Debian's PyTorch 1.13 and
/// torchaudio 0.13 (committed; no Python at test time), and errors.json: how far torchaudio's own float32
/// results lie from its float64 results on the same inputs.
/// </summary>
internal static class TorchReference
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "TorchReference");

    public static string File(string name) => Path.Combine(Folder, name);

    public static IReadOnlyDictionary<string, CheckpointTensor> Read(string name) => CheckpointFile.Read(File(name));

    private static readonly Lazy<JsonElement> Errors = new(() =>
        JsonDocument.Parse(System.IO.File.ReadAllText(File("errors.json"))).RootElement);

    /// <summary>torchaudio's float32 deviation from float64 at a path such as "wav2vec2-base", 3 or "mel-clip".</summary>
    public static Deviation ReferenceDeviation(params object[] path)
    {
        var element = Errors.Value;
        foreach (var step in path)
            element = step is int index ? element[index] : element.GetProperty((string)step);
        return new Deviation(
            element.GetProperty("relative_frobenius").GetDouble(),
            element.GetProperty("max_relative_at_least_1e-2").GetDouble(),
            element.GetProperty("max_absolute").GetDouble());
    }
}

/// <summary>
/// How far an approximation lies from an exact value: relative Frobenius error, the largest relative error over
/// elements whose exact magnitude is at least 1e-2 (smaller ones only have absolute accuracy), the largest
/// absolute error. Computed in double, exactly as the fixture script computes it.
/// </summary>
internal sealed record Deviation(double RelativeFrobenius, double MaxRelative, double MaxAbsolute)
{
    private const double RelativeFloor = 1e-2;

    public static Deviation Between(ReadOnlySpan<float> approximate, ReadOnlySpan<float> exact)
    {
        if (approximate.Length != exact.Length)
            throw new ArgumentException($"Lengths differ: {approximate.Length} and {exact.Length}.");
        double difference = 0, norm = 0, maxRelative = 0, maxAbsolute = 0;
        for (var i = 0; i < exact.Length; i++)
        {
            var error = Math.Abs((double)approximate[i] - exact[i]);
            difference += error * error;
            norm += (double)exact[i] * exact[i];
            maxAbsolute = Math.Max(maxAbsolute, error);
            if (Math.Abs(exact[i]) >= RelativeFloor)
                maxRelative = Math.Max(maxRelative, error / Math.Abs(exact[i]));
        }
        return new Deviation(Math.Sqrt(difference / norm), maxRelative, maxAbsolute);
    }

    /// <summary>
    /// True when this deviation is within <paramref name="factor"/> times the reference's own float32 deviation
    /// in all three measures. Float32 results of a correct computation scatter around the exact value by an
    /// amount set by the conditioning of the problem and the length of its sums, whatever the summation order
    /// (CPU, kernel, batch shape); the reference measures that amount for this very problem, and the factor
    /// covers where in that scatter another order of summation lands.
    /// </summary>
    public bool IsWithin(Deviation reference, double factor) =>
        RelativeFrobenius <= factor * reference.RelativeFrobenius && MaxRelative <= factor * reference.MaxRelative
        && MaxAbsolute <= factor * reference.MaxAbsolute;

    public override string ToString() =>
        $"relative Frobenius {RelativeFrobenius:E2}, max relative (|x| >= 1e-2) {MaxRelative:E2}, max absolute {MaxAbsolute:E2}";
}

/// <summary>
/// A-priori rounding-error bounds of float32 arithmetic (Higham, Accuracy and Stability of Numerical Algorithms,
/// ch. 3): they hold for any order of summation, with or without FMA, on any CPU.
/// </summary>
internal static class Float32Bounds
{
    /// <summary>u = 2^-24, the unit roundoff of float32.</summary>
    public static double UnitRoundoff { get; } = Math.ScaleB(1, -24);

    /// <summary>gamma_n = n u / (1 - n u): |fl(sum of n products) - exact| &lt;= gamma_n * sum of |products|.</summary>
    public static double Gamma(int n) => n * UnitRoundoff / (1 - n * UnitRoundoff);
}
