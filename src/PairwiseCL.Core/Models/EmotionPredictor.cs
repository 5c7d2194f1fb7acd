using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Wav2Vec2;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// A saved fine-tuned model ready to classify clips: decode, resample to the view's rate, extract the
/// view's features, encoder and classifier, softmax. The view must produce the features the model was
/// trained on; a different view configuration key is refused.
/// </summary>
public sealed class EmotionPredictor : IDisposable
{
    private readonly EmotionClassifier _model;
    private readonly IFeatureView _view;
    private readonly IAudioDecoder _decoder;
    private readonly Device _device;
    private readonly bool _ownsView;

    private EmotionPredictor(ModelConfiguration configuration, EmotionClassifier model, IFeatureView view, bool ownsView, IAudioDecoder decoder, Device device)
    {
        Configuration = configuration;
        _model = model;
        _view = view;
        _ownsView = ownsView;
        _decoder = decoder;
        _device = device;
    }

    public ModelConfiguration Configuration { get; }

    /// <summary>Loads the model in <paramref name="folder"/> and opens its view from <see cref="FeatureViewCatalog"/>.</summary>
    public static EmotionPredictor Open(string folder, Wav2Vec2ViewOptions? wav2vec2 = null, IAudioDecoder? decoder = null, Device? device = null)
    {
        var configuration = ModelFiles.ReadConfiguration(folder);
        var view = FeatureViewCatalog.Create(configuration.View, wav2vec2);
        try
        {
            return Open(folder, configuration, view, ownsView: true, decoder, device);
        }
        catch
        {
            (view as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Loads the model in <paramref name="folder"/> with a view the caller owns.</summary>
    public static EmotionPredictor Open(string folder, IFeatureView view, IAudioDecoder? decoder = null, Device? device = null) =>
        Open(folder, ModelFiles.ReadConfiguration(folder), view, ownsView: false, decoder, device);

    private static EmotionPredictor Open(string folder, ModelConfiguration configuration, IFeatureView view, bool ownsView, IAudioDecoder? decoder, Device? device)
    {
        if (view.Name != configuration.View)
            throw new ArgumentException($"Model '{configuration.Name}' reads the {configuration.View} view, not {view.Name}.", nameof(view));
        if (configuration.ViewConfigurationKey.Length > 0 && configuration.ViewConfigurationKey != view.ConfigurationKey)
            throw new InvalidOperationException(
                $"Model '{configuration.Name}' was trained on {configuration.View} features with configuration {configuration.ViewConfigurationKey}; "
                + $"this view's configuration is {view.ConfigurationKey}, so its features would not match.");
        var target = device ?? TrainingDevice.Default;
        var model = ModelFiles.Load(folder, configuration);
        model.to(target);
        return new EmotionPredictor(configuration, model, view, ownsView, decoder ?? AudioDecoder.Default, target);
    }

    /// <exception cref="AudioFormatException">The file is not audio the decoder can read.</exception>
    public EmotionPrediction Predict(string audioPath, CancellationToken cancellationToken = default) =>
        Predict(_decoder.Decode(audioPath, cancellationToken), cancellationToken);

    /// <summary>
    /// Classifies the clip's first <paramref name="maxSeconds"/>; a longer clip is cut there before it is
    /// resampled, so the work is bounded by the limit, not by the length the file declares
    /// (<see cref="EmotionPrediction.TrimmedToSeconds"/> says so).
    /// </summary>
    /// <exception cref="AudioFormatException">The file is not audio the decoder can read.</exception>
    public EmotionPrediction Predict(string audioPath, double maxSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSeconds);
        // A second more than the limit tells a clip that is longer from one that is exactly as long.
        var decoded = _decoder.Decode(audioPath, maxSeconds + 1, cancellationToken);
        var trimmed = decoded.DurationSeconds > maxSeconds;
        var prediction = Predict(trimmed ? decoded.FirstSeconds(maxSeconds) : decoded, cancellationToken);
        if (prediction.Probabilities.Values.Any(p => !double.IsFinite(p)))
            throw new AudioFormatException(audioPath, "gives the model no finite probabilities (are its samples far outside -1 to 1?)");
        return trimmed ? prediction with { TrimmedToSeconds = maxSeconds } : prediction;
    }

    public EmotionPrediction Predict(AudioClip clip, CancellationToken cancellationToken = default)
    {
        var prepared = Resampler.Resample(clip, _view.SampleRate);
        var features = _view.Extract(prepared, cancellationToken);
        return Predict(features, cancellationToken);
    }

    public EmotionPrediction Predict(FeatureMatrix features, CancellationToken cancellationToken = default)
    {
        var row = Inference.Probabilities(_model, [features], _device, cancellationToken: cancellationToken)[0];
        var classes = Configuration.ClassNames;
        var probabilities = classes.Select((c, i) => (c, p: row[i])).ToDictionary(x => x.c, x => x.p);
        var best = Enumerable.Range(0, row.Length).MaxBy(i => row[i]);
        return new EmotionPrediction(probabilities, classes[best]);
    }

    public void Dispose()
    {
        _model.Dispose();
        if (_ownsView) (_view as IDisposable)?.Dispose();
    }
}
