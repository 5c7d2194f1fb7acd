using System.IO.Compression;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.TryIt;

/// <summary>
/// The fine-tuned models saved in an experiment's report folder (models/{name}/), for members of its
/// workspace: list them, classify a clip with one, or zip one for download. Every file is read only after
/// <see cref="ResultsService"/> has checked it against its stored SHA-256.
/// </summary>
public sealed class ModelService(ResultsService results, ExperimentViews views, IOptions<TryItOptions> options, ILogger<ModelService> logger)
{
    /// <summary>The experiment's models, or null when it is not an experiment of the current workspace.</summary>
    public async Task<IReadOnlyList<ModelSummary>?> ListAsync(int experimentId, CancellationToken cancellationToken = default)
    {
        var files = await results.ListFilesAsync(experimentId, cancellationToken);
        if (files is null) return null;
        var names = files.Select(f => f.Split('/')).Where(p => p is ["models", _, ModelFiles.ConfigurationFile]).Select(p => p[1]).Order(StringComparer.Ordinal);
        var models = new List<ModelSummary>();
        foreach (var name in names)
            if (await FindFolderAsync(experimentId, name, cancellationToken) is { } folder)
            {
                var c = ModelFiles.ReadConfiguration(folder);
                models.Add(new ModelSummary(c.Name, c.View, c.Method, c.ClassNames, c.FractionPercent));
            }
        return models;
    }

    /// <param name="clipName">The clip's name as the member knows it (the uploaded file's name), used in a refusal; never a server path.</param>
    public async Task<PredictionOutcome> PredictAsync(int experimentId, string model, Stream clip, string? clipName = null, CancellationToken cancellationToken = default) =>
        await FindFolderAsync(experimentId, model, cancellationToken) is { } folder
            ? await PredictInFolderAsync(folder, model, clip, clipName, cancellationToken)
            : PredictionOutcome.Unknown(model);

    /// <summary>Classifies a clip with the model saved in <paramref name="folder"/>, which the caller has authorised (a corpus's trained model).</summary>
    internal async Task<PredictionOutcome> PredictInFolderAsync(string folder, string model, Stream clip, string? clipName, CancellationToken cancellationToken)
    {
        var upload = Path.Combine(Path.GetTempPath(), $"pairwisecl-clip-{Guid.NewGuid():N}");
        try
        {
            if (!await LimitedCopy.ToFileAsync(clip, upload, options.Value.MaxClipBytes, cancellationToken))
                return PredictionOutcome.Refused(model, $"The clip is larger than {options.Value.MaxClipBytes / (1024 * 1024)} MB.");
            return await Task.Run(() => Predict(folder, model, upload, ShownName(clipName), options.Value.MaxClipSeconds, cancellationToken), cancellationToken);
        }
        finally
        {
            File.Delete(upload);
        }
    }

    /// <summary>A zip of the model's weights and configuration, or null when the model is not visible here.</summary>
    public async Task<byte[]?> ZipAsync(int experimentId, string model, CancellationToken cancellationToken = default)
    {
        return await FindFolderAsync(experimentId, model, cancellationToken) is { } folder ? await ZipFolderAsync(folder, model, cancellationToken) : null;
    }

    /// <summary>A zip of the weights and configuration in <paramref name="folder"/>, which the caller has authorised (a corpus's trained model).</summary>
    internal static async Task<byte[]> ZipFolderAsync(string folder, string model, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var viewFolder in LabelledModelFolder.ViewFolders(folder))
                foreach (var file in ModelFiles.Files)
                {
                    // A late fusion keeps each view's pair under views/{view}/, as on disk.
                    var entry = Path.GetRelativePath(folder, Path.Combine(viewFolder, file)).Replace('\\', '/');
                    await zip.CreateEntryFromFileAsync(Path.Combine(viewFolder, file), $"{model}/{entry}", CompressionLevel.Optimal, cancellationToken);
                }
        return buffer.ToArray();
    }

    // Only the file name part of what the browser sent: a name like "../../x" or "C:\\x" says nothing of our folders either.
    private static string ShownName(string? clipName) =>
        clipName is { Length: > 0 } && Path.GetFileName(clipName.Replace('\\', '/')) is { Length: > 0 } name ? $"'{name}'" : "the clip";

    // A corpus model may be a late fusion of several views: the prediction is the mean of their probabilities.
    private PredictionOutcome Predict(string folder, string model, string clipPath, string clipName, double maxSeconds, CancellationToken cancellationToken)
    {
        try
        {
            var predictions = LabelledModelFolder.ViewFolders(folder).Select(f => PredictOne(f, clipPath, maxSeconds, cancellationToken)).ToList();
            return new PredictionOutcome(model, EmotionPrediction.Mean(predictions), null);
        }
        catch (AudioFormatException e)
        {
            logger.LogInformation("Clip refused by model {Model}: {Problem}", model, e.Problem);
            return PredictionOutcome.Refused(model, $"Not an audio clip this portal can decode ({clipName}): {WithoutServerPaths(e.Problem, clipPath, clipName)}");
        }
    }

    private EmotionPrediction PredictOne(string folder, string clipPath, double maxSeconds, CancellationToken cancellationToken)
    {
        var configuration = ModelFiles.ReadConfiguration(folder);
        var view = views.Open(configuration.View, cancellationToken);
        if (view.ConfigurationKey != configuration.ViewConfigurationKey && view.Name == ExperimentViews.Wav2Vec2)
        {
            // A model of a length-bucketed experiment was trained on per-clip wav2vec 2.0 features.
            (view as IDisposable)?.Dispose();
            view = views.Open(configuration.View, cancellationToken, BatchPadding.Bucketed);
        }
        try
        {
            using var predictor = EmotionPredictor.Open(folder, view);
            return predictor.Predict(clipPath, maxSeconds, cancellationToken);
        }
        finally
        {
            (view as IDisposable)?.Dispose();
        }
    }

    // Decoders (ffmpeg's last line, I/O errors) name the file they read: the caller learns "the clip", not our temp folder.
    private static string WithoutServerPaths(string problem, string clipPath, string clipName) =>
        problem.Replace(clipPath, clipName, StringComparison.Ordinal)
            .Replace(Path.GetTempPath(), "", StringComparison.Ordinal)
            .Replace(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), "", StringComparison.Ordinal);

    /// <summary>The verified folder of a model in the report, or null when either of its files is unknown, missing or altered.</summary>
    private async Task<string?> FindFolderAsync(int experimentId, string model, CancellationToken cancellationToken)
    {
        string? folder = null;
        foreach (var file in ModelFiles.Files)
        {
            var path = await results.FindFileAsync(experimentId, $"models/{model}/{file}", cancellationToken);
            if (path is null) return null;
            folder = Path.GetDirectoryName(path);
        }
        return folder;
    }
}
