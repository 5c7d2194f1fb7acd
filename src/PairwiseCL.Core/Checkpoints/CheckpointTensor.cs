namespace PairwiseCL.Core.Checkpoints;

/// <summary>
/// One tensor of a checkpoint, decoded to float32 in row-major (contiguous) order whatever its stored
/// precision; <see cref="StoredType"/> remembers what the file held.
/// </summary>
public sealed record CheckpointTensor(long[] Shape, float[] Values, TensorElementType StoredType = TensorElementType.Float32)
{
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    public static CheckpointTensor Create(float[] values, params long[] shape)
    {
        var tensor = new CheckpointTensor(shape, values);
        if (tensor.ElementCount != values.Length)
            throw new ArgumentException($"Shape {tensor.ShapeText} holds {tensor.ElementCount} values but {values.Length} were given.", nameof(values));
        return tensor;
    }
}

/// <summary>Element types checkpoints store; everything is widened to float32 on reading.</summary>
public enum TensorElementType
{
    Float32,
    Float16,
    BFloat16,
    Float64,
}
