namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Something that turns a batch of equal-length waveforms into wav2vec 2.0 hidden states.</summary>
public interface IWav2Vec2Backend : IDisposable
{
    /// <summary>"torchsharp" or "onnx".</summary>
    string Name { get; }

    /// <summary>Where it runs ("cpu", "cuda").</summary>
    string Device { get; }

    Wav2Vec2Config Architecture { get; }

    HiddenStateConvention Convention { get; }

    /// <summary>
    /// Runs <paramref name="batch"/> clips of <paramref name="samples"/> samples each (row-major) and returns
    /// hidden states row-major as [states, batch, frames, dim].
    /// </summary>
    float[] Run(float[] waveforms, int batch, int samples);
}
