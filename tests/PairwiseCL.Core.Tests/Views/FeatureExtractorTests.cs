using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Tests.TestSupport;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using PairwiseCL.Core.Views.Mel;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Views;

public sealed class FeatureExtractorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pwcl-extract-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void RealSpeechIsExtractedInParallelOnceThenServedFromTheCache()
    {
        var corpus = new EmoDbImporter(Path.Combine(SharedData.EmoDbDev, "wav")).Import().Corpus;
        var subset = corpus with { Utterances = corpus.Utterances.Take(24).ToList() };
        var extractor = new FeatureExtractor(new FeatureCache(Path.Combine(_root, "cache")));
        var view = new LogMelView();
        var reports = new System.Collections.Concurrent.ConcurrentBag<ExtractionProgress>();

        var first = extractor.ExtractAll(subset, view, new ExtractionOptions(MaxDegreeOfParallelism: 2), new InlineProgress<ExtractionProgress>(r => { lock (reports) reports.Add(r); }));
        Assert.Equal(24, first.Extracted);
        Assert.Equal(0, first.FromCache);
        Assert.Empty(first.Failures);
        Assert.Equal(subset.Utterances.Sum(u => u.DurationSeconds), first.AudioSeconds, 1);
        Assert.Equal(24, reports.Max(r => r.Done));

        var second = extractor.ExtractAll(subset, view);
        Assert.Equal(0, second.Extracted);
        Assert.Equal(24, second.FromCache);

        var utterance = subset.Utterances[0];
        var cached = extractor.GetFeatures(subset, utterance, view);
        var direct = view.Extract(WavReader.Read(subset.ResolveAudioPath(utterance)));
        Assert.Equal(direct.Data, cached.Data);
        Assert.Equal(1 + (int)Math.Round(utterance.DurationSeconds * 16000) / 160, cached.ValidFrames);
    }

    [Fact]
    public void BrokenFilesAreReportedByNameAndTheRestIsExtracted()
    {
        var audio = Directory.CreateDirectory(Path.Combine(_root, "audio")).FullName;
        var good = new float[8000];
        WavWriter.WritePcm16(Path.Combine(audio, "good.wav"), new AudioClip(good, 16000));
        File.WriteAllText(Path.Combine(audio, "notes.wav"), "this is not audio");
        var corpus = new Corpus("mixed", audio,
            [new Utterance("good", "good.wav", 0.5, "s1", "1"), new Utterance("notes", "notes.wav", 0, "s1", "1"), new Utterance("gone", "gone.wav", 0, "s1", "1")], []);

        var summary = new FeatureExtractor(new FeatureCache(Path.Combine(_root, "cache"))).ExtractAll(corpus, new LogMelView());

        Assert.Equal(1, summary.Extracted);
        Assert.Equal(new[] { "gone", "notes" }, summary.Failures.Select(f => f.UtteranceId).ToArray());
        Assert.Contains("notes.wav", summary.Failures[1].Message);
        Assert.Contains("does not exist", summary.Failures[0].Message);
    }

    [Fact]
    public void CancellationStopsTheExtraction()
    {
        var corpus = new EmoDbImporter(Path.Combine(SharedData.EmoDbDev, "wav")).Import().Corpus;
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new FeatureExtractor(new FeatureCache(Path.Combine(_root, "cache"))).ExtractAll(corpus, new LogMelView(), cancellationToken: cancellation.Token));
    }
}
