using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>Runs a loaded <see cref="Wav2Vec2Model"/>, on CUDA when libtorch offers it.</summary>
public sealed class TorchSharpWav2Vec2Backend : IWav2Vec2Backend
{
    private readonly Wav2Vec2Model model;
    private readonly torch.Device device;

    public TorchSharpWav2Vec2Backend(Wav2Vec2Model model, bool preferCuda = true)
    {
        device = preferCuda && cuda.is_available() ? CUDA : CPU;
        this.model = model;
        model.to(device);
    }

    public string Name => "torchsharp";

    public string Device => device.type == DeviceType.CUDA ? "cuda" : "cpu";

    public Wav2Vec2Config Architecture => model.Config;

    public HiddenStateConvention Convention => model.Convention;

    public float[] Run(float[] waveforms, int batch, int samples)
    {
        using var scope = NewDisposeScope();
        var input = tensor(waveforms, [batch, samples]).to(device);
        return model.forward(input).cpu().data<float>().ToArray();
    }

    public void Dispose() => model.Dispose();
}
