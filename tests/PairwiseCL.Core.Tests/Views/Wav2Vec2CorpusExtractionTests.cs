using PairwiseCL.Core.Checkpoints;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using PairwiseCL.Core.Views.Wav2Vec2;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>The path a user takes: a checkpoint file named in configuration, a corpus, the feature cache.</summary>
public sealed class Wav2Vec2CorpusExtractionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pwcl-w2v-corpus-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ACheckpointPathExtractsRealSpeechIntoTheCacheInHalfPrecision()
    {
        var checkpoint = Path.Combine(_folder, "model.safetensors");
        SafetensorsFile.Write(checkpoint, Wav2Vec2StateDict.Export(
            Wav2Vec2TestModels.Random(Wav2Vec2TestModels.SmallBase, seed: 7), Wav2Vec2KeyNaming.HuggingFace));
        var corpus = new EmoDbImporter(Path.Combine(SharedData.EmoDbDev, "wav")).Import().Corpus;
        corpus = corpus with { Utterances = corpus.Utterances.Take(3).ToList() };
        var options = new Wav2Vec2ViewOptions { ModelPath = checkpoint, Float16 = true, PreferCuda = false, ClipSeconds = 4 };

        var view = FeatureViewCatalog.Create("wav2vec2", options);
        try
        {
            var cache = new FeatureCache(Path.Combine(_folder, "cache"));
            var extractor = new FeatureExtractor(cache);
            var summary = extractor.ExtractAll(corpus, view);

            Assert.Equal(3, summary.Extracted);
            Assert.Empty(summary.Failures);
            foreach (var utterance in corpus.Utterances)
            {
                var features = extractor.GetFeatures(corpus, utterance, view);
                var samples = (int)Math.Round(Math.Min(utterance.DurationSeconds, 4) * 16000);
                var frames = (samples - 400) / 320 + 1;   // the BASE convolution stack's frame count
                Assert.Equal(new[] { 3, frames, 32 }, features.Shape);
                Assert.Equal(frames, features.ValidFrames);
                Assert.All(features.Data, v => Assert.True(float.IsFinite(v)));
                Assert.Equal(features.Data, features.Data.Select(v => (float)(Half)v).ToArray());
                var file = new FileInfo(cache.PathOf(view, PairwiseCL.Core.Audio.AudioContentHash.Of(corpus.ResolveAudioPath(utterance))));
                Assert.InRange(file.Length, 2L * features.Data.Length, 2L * features.Data.Length + 200); // float16 on disk
            }
        }
        finally
        {
            (view as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void WithoutACheckpointTheViewSaysWhatToConfigure()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureViewCatalog.Create("wav2vec2", new Wav2Vec2ViewOptions()));
        Assert.Contains("Wav2Vec2:ModelPath", error.Message);
    }
}
