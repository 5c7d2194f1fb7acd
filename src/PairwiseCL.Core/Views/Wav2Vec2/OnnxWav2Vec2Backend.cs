using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// Runs an ONNX export whose input is waveforms [batch, samples] and whose outputs are the hidden states:
/// either one [states, batch, frames, dim] tensor, or one [batch, frames, dim] tensor per state in output
/// order (optionally only <paramref name="outputNames"/>, e.g. to skip a duplicated last_hidden_state).
/// </summary>
public sealed class OnnxWav2Vec2Backend : IWav2Vec2Backend
{
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly IReadOnlyList<string> outputs;

    public OnnxWav2Vec2Backend(string modelPath, Wav2Vec2Config architecture, HiddenStateConvention convention, IReadOnlyList<string>? outputNames = null)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist.", modelPath);
        session = new InferenceSession(modelPath);
        Architecture = architecture;
        Convention = convention;
        var floatInputs = session.InputMetadata.Where(i => i.Value.ElementType == typeof(float)).ToList();
        if (floatInputs.Count != 1 || floatInputs[0].Value.Dimensions.Length != 2)
            throw new ArgumentException($"{modelPath}: expected one float input shaped [batch, samples]; found {Describe(session.InputMetadata)}.");
        inputName = floatInputs[0].Key;
        outputs = outputNames?.ToList() ?? session.OutputMetadata.Keys.ToList();
        var unknown = outputs.Where(o => !session.OutputMetadata.ContainsKey(o)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{modelPath}: no output named {string.Join(", ", unknown)}; it has {string.Join(", ", session.OutputMetadata.Keys)}.");
    }

    public string Name => "onnx";

    public string Device => "cpu";

    public Wav2Vec2Config Architecture { get; }

    public HiddenStateConvention Convention { get; }

    public float[] Run(float[] waveforms, int batch, int samples)
    {
        var input = NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(waveforms, [batch, samples]));
        using var results = session.Run([input], outputs);
        var tensors = results.Select(r => r.AsTensor<float>()).ToList();
        var frames = Architecture.FrameCount(samples);
        var (states, dim) = (Architecture.HiddenStateCount, Architecture.EmbedDim);
        int[] expectedStacked = [states, batch, frames, dim];
        if (tensors.Count == 1 && tensors[0].Dimensions.SequenceEqual(expectedStacked))
            return tensors[0].ToArray();
        int[] expectedEach = [batch, frames, dim];
        if (tensors.Count == states && tensors.All(t => t.Dimensions.SequenceEqual(expectedEach)))
            return tensors.SelectMany(t => t.ToArray()).ToArray();
        throw new InvalidOperationException(
            $"The ONNX model returned {tensors.Count} output(s) shaped {string.Join(" ", tensors.Select(t => "[" + string.Join(",", t.Dimensions.ToArray()) + "]"))}; " +
            $"expected one [{string.Join(",", expectedStacked)}] or {states} of [{string.Join(",", expectedEach)}] for {samples} samples.");
    }

    public void Dispose() => session.Dispose();

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        string.Join(", ", nodes.Select(n => $"{n.Key} {n.Value.ElementType.Name}[{string.Join(",", n.Value.Dimensions)}]"));
}
