using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.Tests.Training;

/// <summary>
/// Small multi-view data with a shared latent class: each class has its own eGeMAPS-like mean vector and its
/// own mel band pattern; both views add independent noise, and mel utterances vary in length.
/// </summary>
internal static class SyntheticViews
{
    public const int EgemapsSize = 12;
    public const int MelBands = 16;
    public const int StoredFrames = 24;

    /// <summary>Small encoders so tests train in seconds.</summary>
    public static ModelArchitecture Architecture { get; } = new(
        new MelCnnConfig(MelBands: MelBands, FirstChannels: 4, SecondChannels: 8, OutputSize: 16),
        new EgemapsMlpConfig(InputSize: EgemapsSize, HiddenSize: 32, OutputSize: 16),
        new Wav2Vec2EncoderConfig(FeatureSize: 8, HiddenSize: 8, OutputSize: 8),
        new ProjectionHeadConfig(HiddenSize: 32, OutputSize: 16));

    /// <param name="melOffset">Added to every valid mel value: real log-mel energies sit far from 0 (tens of dB below it).</param>
    public static MultiViewDataset Create(int count, int classes, int seed, double noise = 1.0, double melOffset = 0)
    {
        var patterns = new Random(1234);
        var egemapsMeans = Enumerable.Range(0, classes).Select(_ => Gaussian(patterns, EgemapsSize, 2.0)).ToArray();
        var melBands = Enumerable.Range(0, classes).Select(_ => Gaussian(patterns, MelBands, 2.0)).ToArray();

        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        var egemaps = new List<FeatureMatrix>();
        var mel = new List<FeatureMatrix>();
        foreach (var label in labels)
        {
            // eGeMAPS functionals live on large offsets and scales; the standardisation must cope.
            var vector = egemapsMeans[label].Select(m => (float)(100 + 10 * (m + noise * NextGaussian(random)))).ToArray();
            egemaps.Add(FeatureMatrix.Vector(vector));

            var valid = random.Next(8, StoredFrames + 1);
            var data = new float[MelBands * StoredFrames];
            for (var band = 0; band < MelBands; band++)
                for (var frame = 0; frame < valid; frame++)
                    data[band * StoredFrames + frame] = (float)(melOffset + melBands[label][band] + noise * NextGaussian(random));
            mel.Add(new FeatureMatrix([MelBands, StoredFrames], data, valid));
        }
        return new MultiViewDataset(new Dictionary<string, IReadOnlyList<FeatureMatrix>>
        {
            [ViewNames.Egemaps] = egemaps,
            [ViewNames.Mel] = mel,
        }, labels);
    }

    private static double[] Gaussian(Random random, int size, double scale) =>
        Enumerable.Range(0, size).Select(_ => scale * NextGaussian(random)).ToArray();

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
