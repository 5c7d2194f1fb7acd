using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>
/// Parity of the native eGeMAPSv02 extractor with openSMILE 3.0.2 on the 188 real emodb-dev utterances.
/// <para>Known gaps (documented in the notes): the F1-F3 frequencies and bandwidths (frame-level r about 0.4-0.6:
/// an order-11 LPC on a frame band-limited to 3.4 kHz is ill-conditioned, so small differences move the roots),
/// and four coefficients of variation of descriptors whose mean is near zero for some utterance (H1-H2,
/// slopeV500-1500, mfcc2V, mfcc4V: the contours agree, median relative difference 0, but one utterance's
/// exploding ratio dominates r). Every other feature must match at r >= 0.95.</para>
/// </summary>
public sealed class EgemapsParityTests(EgemapsReferenceFixture fixture) : IClassFixture<EgemapsReferenceFixture>
{
    private static readonly HashSet<string> KnownGaps =
    [
        "logRelF0-H1-H2_sma3nz_stddevNorm",
        "F1frequency_sma3nz_amean", "F1frequency_sma3nz_stddevNorm", "F1bandwidth_sma3nz_amean", "F1bandwidth_sma3nz_stddevNorm",
        "F2frequency_sma3nz_amean", "F2frequency_sma3nz_stddevNorm", "F2bandwidth_sma3nz_amean", "F2bandwidth_sma3nz_stddevNorm",
        "F3frequency_sma3nz_amean", "F3frequency_sma3nz_stddevNorm", "F3bandwidth_sma3nz_amean", "F3bandwidth_sma3nz_stddevNorm",
        "slopeV500-1500_sma3nz_stddevNorm", "mfcc2V_sma3nz_stddevNorm", "mfcc4V_sma3nz_stddevNorm",
    ];

    private const string HeldOutSpeaker = "10";

    [Fact]
    public void FunctionalNamesAndOrderAreOpenSmiles() =>
        Assert.Equal(fixture.Reference.Columns, EgemapsFeatureNames.Functionals);

    [Fact]
    public void FunctionalsCorrelateWithOpenSmileAcrossAllUtterances() =>
        AssertParity(fixture.Tables(_ => true));

    [Fact]
    public void FunctionalsCorrelateWithOpenSmileOnTheHeldOutSpeaker() =>
        AssertParity(fixture.Tables(name => fixture.Speakers[name] == HeldOutSpeaker));

    [Fact]
    public void F0ContourAgreesWithOpenSmileFrameByFrameInEveryUtterance()
    {
        foreach (var (name, ours) in fixture.Ours)
        {
            var reference = fixture.ReferenceLld[name];
            Assert.Equal(reference.Rows.Count, ours.LowLevelDescriptors.Frames);
            var column = EgemapsFeatureNames.LowLevelDescriptors.ToList().IndexOf("F0semitoneFrom27.5Hz_sma3nz");
            var agree = 0;
            var differences = new List<double>();
            for (var t = 0; t < reference.Rows.Count; t++)
            {
                var expected = reference.Rows[t].Values[column];
                var actual = ours.LowLevelDescriptors[t, column];
                if (expected > 0 == actual > 0) agree++;
                if (expected > 0 && actual > 0) differences.Add(Math.Abs(expected - actual));
            }
            Assert.True(agree >= 0.9 * reference.Rows.Count, $"{name}: voicing agrees on {agree} of {reference.Rows.Count} frames.");
            if (differences.Count > 0)
            {
                differences.Sort();
                var median = differences[differences.Count / 2];
                Assert.True(median < 0.5, $"{name}: median |dF0| on frames both call voiced is {median:F3} semitones.");
            }
        }
    }

    [Fact]
    public void LowLevelDescriptorColumnsAreOpenSmiles() =>
        Assert.Equal(fixture.ReferenceLld.First().Value.Columns, EgemapsFeatureNames.LowLevelDescriptors);

    private static void AssertParity((OpenSmileTable Reference, OpenSmileTable Ours) tables)
    {
        var parity = EgemapsParity.Compare(tables.Reference, tables.Ours);
        var failures = parity.Where(p => !KnownGaps.Contains(p.Feature) && !(p.PearsonR >= 0.95))
            .Select(p => $"{p.Feature}: r = {p.PearsonR:F3}").ToList();
        Assert.True(failures.Count == 0, "Features below r = 0.95: " + string.Join("; ", failures));
        var rs = parity.Select(p => p.PearsonR).OrderBy(r => r).ToArray();
        var median = (rs[(rs.Length - 1) / 2] + rs[rs.Length / 2]) / 2;
        Assert.True(median >= 0.97, $"Median r over the 88 features is {median:F3}.");
        Assert.True(rs.Count(r => r >= 0.90) >= 88 - KnownGaps.Count, $"Only {rs.Count(r => r >= 0.90)} features at r >= 0.90.");
    }
}
