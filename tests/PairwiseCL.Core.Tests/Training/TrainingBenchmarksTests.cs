using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Training;

/// <summary>The benchmark must run end to end and report every requested setup; its times are not asserted.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class TrainingBenchmarksTests
{
    [Fact]
    public void ReportsEveryViewSetAndFineTuningRunOnTinyInputs()
    {
        var config = new TrainingBenchmarkConfig(Utterances: 8, Epochs: 2, BatchSize: 4, MelFrames: 12, Wav2Vec2Frames: 3, FineTuneTraining: 8, FineTuneValidation: 6);

        var result = TrainingBenchmarks.Run(config, CPU);

        Assert.Equal(["mel", "egemaps", "wav2vec2", "mel+egemaps", "wav2vec2+egemaps"], result.Epochs.Select(e => e.Views));
        Assert.Equal(["supervised", "supervised", "supervised", "pre-training", "pre-training"], result.Epochs.Select(e => e.Kind));
        Assert.All(result.Epochs, e => Assert.Equal(e.SecondsPerEpoch * 1000 / 8, e.SecondsPerEpochPer1000, 9));
        Assert.Equal(6, result.FineTuning.Count);
        Assert.All(result.FineTuning, f => Assert.True(f.Epochs == 2 && f.Seconds > 0, $"{f.View} ran {f.Epochs} epochs in {f.Seconds} s"));
        Assert.Equal([ViewNames.Egemaps, ViewNames.Mel, ViewNames.Wav2Vec2], result.FineTuning.Select(f => f.View).Distinct());
    }
}
