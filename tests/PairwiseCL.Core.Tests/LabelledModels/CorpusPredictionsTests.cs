using PairwiseCL.Core.LabelledModels;

namespace PairwiseCL.Core.Tests.LabelledModels;

/// <summary>What "Predict the rest" stores and exports: the order of doubt, its reason, the CSV and the file round trip.</summary>
public sealed class CorpusPredictionsTests
{
    private static readonly CorpusPredictionSet Set = new("egemaps-supervised", "emotions", ["anger", "neutral", "sadness"], new DateTime(2026, 12, 4, 5, 0, 0, DateTimeKind.Utc),
    [
        new ClipPrediction("sure", "anger", 0.9, 0.85, [0.9, 0.05, 0.05]),
        new ClipPrediction("=cmd|' /C calc'!A0", "neutral", 0.41, 0.03, [0.2, 0.41, 0.38, ]),
        new ClipPrediction("torn", "sadness", 0.5, 0.1, [0.1, 0.4, 0.5]),
    ]);

    [Fact]
    public void LeastConfidentFirst_OrdersBySmallestMarginBetweenTheTwoMostProbableClasses()
    {
        Assert.Equal(["=cmd|' /C calc'!A0", "torn", "sure"], Set.LeastConfidentFirst.Select(c => c.ClipId));
        Assert.Equal("model unsure: neutral 0.41, sadness 0.38", Set.Reason(Set.Clips[1]));
    }

    [Fact]
    public void Csv_HasOneProbabilityColumnPerClass_AndAFormulaClipIdStaysText()
    {
        var lines = CorpusPredictions.ToCsv(Set).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("clip,predicted,confidence,margin,p_anger,p_neutral,p_sadness", lines[0]);
        Assert.Equal("'=cmd|' /C calc'!A0,neutral,0.41,0.03,0.2,0.41,0.38", lines[1]);
        Assert.Equal("sure,anger,0.9,0.85,0.9,0.05,0.05", lines[3]);
    }

    [Fact]
    public void ALateFusion_AveragesEachClipsClassProbabilitiesOverTheViews()
    {
        double[][] egemaps = [[0.6, 0.4], [0.1, 0.9]];
        double[][] mel = [[0.2, 0.8], [0.3, 0.7]];

        var fused = LateFusion.Mean([egemaps, mel]);

        Assert.Equal([0.4, 0.6], fused[0], new ToleranceComparer(1e-12));
        Assert.Equal([0.2, 0.8], fused[1], new ToleranceComparer(1e-12));
        Assert.Throws<ArgumentException>(() => LateFusion.Mean([egemaps, mel[..1]]));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }

    [Fact]
    public void SavedPredictions_ReadBack_AndAFolderWithoutThemHasNone()
    {
        var folder = Directory.CreateTempSubdirectory("pairwisecl-predictions").FullName;
        try
        {
            Assert.Null(CorpusPredictions.Read(folder));
            CorpusPredictions.Save(Set, folder);
            var read = CorpusPredictions.Read(folder)!;
            Assert.Equal(Set.Clips.Select(c => (c.ClipId, c.Predicted, c.Confidence)), read.Clips.Select(c => (c.ClipId, c.Predicted, c.Confidence)));
            Assert.Equal(Set.LabelSet, read.LabelSet);
            Assert.Equal([CorpusPredictions.PredictionsFile], Directory.GetFiles(folder).Select(Path.GetFileName)); // no temporary left
            File.WriteAllText(Path.Combine(folder, CorpusPredictions.PredictionsFile), "{ not json");
            Assert.Null(CorpusPredictions.Read(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
