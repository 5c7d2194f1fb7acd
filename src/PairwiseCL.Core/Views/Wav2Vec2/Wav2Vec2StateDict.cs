using PairwiseCL.Core.Checkpoints;
using TorchSharp;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>A model's weights as checkpoint tensors, named in the requested convention (for saving and tests).</summary>
public static class Wav2Vec2StateDict
{
    public static IReadOnlyDictionary<string, CheckpointTensor> Export(Wav2Vec2Model model, Wav2Vec2KeyNaming naming = Wav2Vec2KeyNaming.Torchaudio, string prefix = "")
    {
        // The detach/cpu/contiguous intermediates belong to the scope: left unnamed outside one, a GC on another
        // thread could finalize one while libtorch still reads it (see ModelSnapshot).
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach (var (key, value) in model.state_dict())
        {
            var name = naming switch
            {
                Wav2Vec2KeyNaming.Torchaudio => key,
                Wav2Vec2KeyNaming.HuggingFace => Wav2Vec2KeyMap.ToHuggingFaceKey(key),
                _ => Wav2Vec2KeyMap.ToHuggingFaceKey(key, parametrizedWeightNorm: true),
            };
            var values = value.detach().cpu().to_type(torch.ScalarType.Float32).contiguous().data<float>().ToArray();
            tensors[prefix + name] = new CheckpointTensor(value.shape, values);
        }
        return tensors;
    }
}
