using System.Diagnostics;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.EncoderSets;

/// <summary>
/// Pre-trains an encoder set: Pairwise-CL over every utterance of the request's corpora (labels ignored), with a
/// seeded 10 % of the utterances held out for early stopping, then writes each view's encoder and the manifest into
/// a folder. The folder is complete only once manifest.json exists (written last), so an interrupted run leaves
/// nothing that looks usable; its checkpoints let a second attempt resume.
/// </summary>
public sealed class EncoderSetTrainer(Device? device = null)
{
    private readonly Device _device = device ?? TrainingDevice.Default;

    /// <param name="features">Per view, the features of every utterance of every corpus in the request, in one list.</param>
    public EncoderSetManifest Train(string name, EncoderSetRequest request, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> features,
        string folder, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = request.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        var missing = request.Views.Where(v => !features.ContainsKey(v)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"No features for view(s) {string.Join(", ", missing)}.");
        var count = features[request.Views[0]].Count;
        if (request.Views.Any(v => features[v].Count != count))
            throw new ArgumentException("Every view needs the features of the same utterances.");

        var clock = Stopwatch.StartNew();
        var order = Enumerable.Range(0, count).ToArray();
        new Random(StableSeed.Of(request.Pretraining.Seed, 7)).Shuffle(order);
        var validationCount = Math.Clamp((int)Math.Round(count * EncoderSetRequest.ValidationShare), 2, count - 2);
        var validation = order.Take(validationCount).Order().ToArray();
        var training = order.Skip(validationCount).Order().ToArray();
        MultiViewDataset Subset(int[] rows) =>
            new(request.Views.ToDictionary(v => v, v => (IReadOnlyList<FeatureMatrix>)rows.Select(r => features[v][r]).ToList()));

        Directory.CreateDirectory(Path.Combine(folder, "encoders"));
        var result = new Pretrainer(_device).Run(request.Views, request.Architecture, Subset(training), Subset(validation), request.Pretraining,
            Path.Combine(folder, "checkpoints"), progress, cancellationToken);
        using var model = result.Model;
        var files = new List<EncoderFile>();
        foreach (var view in request.Views)
        {
            var relative = EncoderSetFiles.EncoderPath(view);
            var path = Path.Combine(folder, relative);
            AtomicFile.Write(path, temporary => model.Encoder(view).save(temporary));
            files.Add(new EncoderFile(view, relative.Replace('\\', '/'), EncoderSetFiles.Sha256(path), new FileInfo(path).Length,
                ParameterCount.Of(model.Encoder(view))));
        }
        var manifest = new EncoderSetManifest(name, request.Hash, request, training.Length, validation.Length, result.BestEpoch,
            result.History, files, DateTime.UtcNow, clock.Elapsed.TotalSeconds);
        EncoderSetFiles.WriteManifest(manifest, folder);
        if (Directory.Exists(Path.Combine(folder, "checkpoints"))) Directory.Delete(Path.Combine(folder, "checkpoints"), recursive: true);
        return manifest;
    }
}
