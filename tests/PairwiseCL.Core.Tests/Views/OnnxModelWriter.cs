using Google.Protobuf;

namespace PairwiseCL.Core.Tests.Views;

/// <summary>
/// Writes ONNX models (onnx.proto3 field numbers) with Google.Protobuf's wire-format writer, so tests can
/// build small graphs without Python. Only the messages and fields the tests need are covered.
/// </summary>
internal sealed class OnnxModelWriter
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly List<byte[]> nodes = [];
    private readonly List<byte[]> initializers = [];
    private readonly List<byte[]> inputs = [];
    private readonly List<byte[]> outputs = [];

    /// <summary>A float input or output with the given dims; null dims are symbolic.</summary>
    public OnnxModelWriter Input(string name, params string?[] dims) { inputs.Add(ValueInfo(name, dims)); return this; }

    public OnnxModelWriter Output(string name, params string?[] dims) { outputs.Add(ValueInfo(name, dims)); return this; }

    public OnnxModelWriter FloatInitializer(string name, float[] values, params long[] dims) =>
        Initializer(name, FloatType, values.SelectMany(BitConverter.GetBytes).ToArray(), dims);

    public OnnxModelWriter Int64Initializer(string name, long[] values, params long[] dims) =>
        Initializer(name, Int64Type, values.SelectMany(BitConverter.GetBytes).ToArray(), dims);

    public OnnxModelWriter Node(string opType, string[] nodeInputs, string[] nodeOutputs, params OnnxAttribute[] attributes)
    {
        nodes.Add(Message(s =>
        {
            foreach (var input in nodeInputs) String(s, 1, input);
            foreach (var output in nodeOutputs) String(s, 2, output);
            String(s, 3, nodeOutputs[0] + "_node");
            String(s, 4, opType);
            foreach (var attribute in attributes)
            {
                Embedded(s, 5, Message(a =>
                {
                    String(a, 1, attribute.Name);
                    // A scalar INT lives in field i (3), a list INTS in field ints (8); type is field 20.
                    foreach (var value in attribute.Values) { a.WriteTag(attribute.IsScalar ? 3 : 8, WireFormat.WireType.Varint); a.WriteInt64(value); }
                    a.WriteTag(20, WireFormat.WireType.Varint); a.WriteInt32(attribute.IsScalar ? 2 : 7);
                }));
            }
        }));
        return this;
    }

    public void Save(string path, int opset = 13)
    {
        var model = Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.Varint); s.WriteInt64(8); // ir_version
            String(s, 2, "PairwiseCL tests");
            Embedded(s, 7, Message(g =>
            {
                foreach (var node in nodes) Embedded(g, 1, node);
                String(g, 2, "test_graph");
                foreach (var initializer in initializers) Embedded(g, 5, initializer);
                foreach (var input in inputs) Embedded(g, 11, input);
                foreach (var output in outputs) Embedded(g, 12, output);
            }));
            Embedded(s, 8, Message(o => { String(o, 1, ""); o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt64(opset); }));
        });
        File.WriteAllBytes(path, model);
    }

    private OnnxModelWriter Initializer(string name, int dataType, byte[] raw, long[] dims)
    {
        initializers.Add(Message(s =>
        {
            foreach (var dim in dims) { s.WriteTag(1, WireFormat.WireType.Varint); s.WriteInt64(dim); }
            s.WriteTag(2, WireFormat.WireType.Varint); s.WriteInt32(dataType);
            String(s, 8, name);
            s.WriteTag(9, WireFormat.WireType.LengthDelimited); s.WriteBytes(ByteString.CopyFrom(raw));
        }));
        return this;
    }

    private static byte[] ValueInfo(string name, string?[] dims) => Message(s =>
    {
        String(s, 1, name);
        Embedded(s, 2, Message(type => Embedded(type, 1, Message(tensor =>
        {
            tensor.WriteTag(1, WireFormat.WireType.Varint); tensor.WriteInt32(FloatType);
            Embedded(tensor, 2, Message(shape =>
            {
                foreach (var dim in dims)
                    Embedded(shape, 1, Message(d => String(d, 2, dim ?? "dynamic")));
            }));
        }))));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var stream = new CodedOutputStream(buffer, leaveOpen: true))
            write(stream);
        return buffer.ToArray();
    }

    private static void Embedded(CodedOutputStream stream, int field, byte[] message)
    {
        stream.WriteTag(field, WireFormat.WireType.LengthDelimited);
        stream.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void String(CodedOutputStream stream, int field, string value)
    {
        stream.WriteTag(field, WireFormat.WireType.LengthDelimited);
        stream.WriteString(value);
    }
}

/// <summary>An integer (INT) or integer-list (INTS) node attribute.</summary>
internal sealed record OnnxAttribute(string Name, long[] Values, bool IsScalar)
{
    public static OnnxAttribute Int(string name, long value) => new(name, [value], true);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, values, false);
}
