using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// Builds padded tensors from per-utterance features. The frame axis (axis 1 of a multi-dimensional view)
/// is cropped to the longest valid length in the batch (rounded up to <c>frameMultiple</c>, so strided
/// encoders see whole output frames) and everything beyond an utterance's valid frames is zero, so short
/// batches cost less and the encoders' masks see exact lengths.
/// </summary>
public static class BatchCollator
{
    public static ViewInput Collate(IReadOnlyList<FeatureMatrix> features, IReadOnlyList<int> indices, Device device, int frameMultiple = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameMultiple, 1);
        if (indices.Count == 0)
            throw new ArgumentException("A batch needs at least one utterance.", nameof(indices));
        var items = indices.Select(i => features[i]).ToArray();
        var shape = items[0].Shape;
        foreach (var item in items)
        {
            item.EnsureConsistent();
            if (item.Shape.Length != shape.Length || item.Shape.Where((d, axis) => axis != 1 && d != shape[axis]).Any())
                throw new ArgumentException($"Utterances of one view differ in shape beyond the frame axis: [{string.Join(",", shape)}] vs [{string.Join(",", item.Shape)}].", nameof(features));
        }
        return shape.Length == 1 ? CollateVectors(items, shape[0], device) : CollateFrames(items, shape, device, frameMultiple);
    }

    public static Tensor Labels(IReadOnlyList<int> labels, IReadOnlyList<int> indices, Device device) =>
        tensor(indices.Select(i => (long)labels[i]).ToArray(), device: device);

    private static ViewInput CollateVectors(FeatureMatrix[] items, int size, Device device)
    {
        var data = new float[items.Length * size];
        for (var b = 0; b < items.Length; b++)
            Array.Copy(items[b].Data, 0, data, b * size, size);
        return new ViewInput(tensor(data, [items.Length, size], device: device), ones(items.Length, dtype: ScalarType.Int64, device: device));
    }

    private static ViewInput CollateFrames(FeatureMatrix[] items, int[] shape, Device device, int frameMultiple)
    {
        foreach (var item in items)
            if (item.ValidFrames < 1 || item.ValidFrames > item.Shape[1])
                throw new ArgumentException($"ValidFrames {item.ValidFrames} is outside 1..{item.Shape[1]} for shape [{string.Join(",", item.Shape)}].");
        var longest = items.Max(i => i.ValidFrames);
        var frames = (longest + frameMultiple - 1) / frameMultiple * frameMultiple;
        var outer = shape[0];
        var inner = shape.Skip(2).Aggregate(1, (n, d) => n * d);
        var perItem = (long)outer * frames * inner;
        var data = new float[items.Length * perItem];
        for (var b = 0; b < items.Length; b++)
        {
            var item = items[b];
            var stored = item.Shape[1];
            for (var o = 0; o < outer; o++)
                Array.Copy(item.Data, (long)o * stored * inner, data, b * perItem + (long)o * frames * inner, (long)item.ValidFrames * inner);
        }
        long[] batchShape = [items.Length, outer, frames, .. shape.Skip(2).Select(d => (long)d)];
        var valid = tensor(items.Select(i => (long)i.ValidFrames).ToArray(), device: device);
        return new ViewInput(tensor(data, batchShape, device: device), valid);
    }
}
