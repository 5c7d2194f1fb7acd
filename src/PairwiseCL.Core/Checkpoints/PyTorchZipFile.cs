using System.IO.Compression;

namespace PairwiseCL.Core.Checkpoints;

/// <summary>
/// PyTorch's <c>torch.save</c> zip format (the default since PyTorch 1.6), as used by Hugging Face
/// <c>pytorch_model.bin</c> and torchaudio <c>.pth</c> files: <c>&lt;root&gt;/data.pkl</c> pickles the state
/// dict, and each tensor storage lives raw in <c>&lt;root&gt;/data/&lt;key&gt;</c>. Read without Python: the
/// pickle is interpreted, not executed, and only the calls state dicts use are recognised.
/// </summary>
public static class PyTorchZipFile
{
    private static readonly IReadOnlyDictionary<string, TensorElementType> StorageTypes = new Dictionary<string, TensorElementType>
    {
        ["FloatStorage"] = TensorElementType.Float32,
        ["HalfStorage"] = TensorElementType.Float16,
        ["BFloat16Storage"] = TensorElementType.BFloat16,
        ["DoubleStorage"] = TensorElementType.Float64,
    };

    public static bool LooksLikeZip(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 4 && firstBytes[0] == (byte)'P' && firstBytes[1] == (byte)'K' && firstBytes[2] == 3 && firstBytes[3] == 4;

    public static IReadOnlyDictionary<string, CheckpointTensor> Read(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var pickleEntry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
            ?? throw new CheckpointFormatException($"{path}: a zip file without <root>/data.pkl is not a PyTorch checkpoint.");
        var root = pickleEntry.FullName[..pickleEntry.FullName.IndexOf('/')];
        var byteOrder = archive.GetEntry(root + "/byteorder");
        if (byteOrder is not null && ReadText(byteOrder).Trim() != "little")
            throw new CheckpointFormatException($"{path}: big-endian PyTorch checkpoints are not supported.");

        var storages = new Dictionary<string, StorageData>();
        StorageData LoadStorage(object? persistentId)
        {
            // ("storage", storage type, key, location, element count)
            if (persistentId is not object?[] { Length: 5 } id || id[0] is not "storage" || id[1] is not PickleGlobal type || id[2] is not string key)
                throw new CheckpointFormatException($"{path}: unexpected persistent id in data.pkl; only tensor storages are supported.");
            if (!StorageTypes.TryGetValue(type.Name, out var elementType))
                throw new CheckpointFormatException($"{path}: storage type {type} is not supported (float32, float16, bfloat16 and float64 are).");
            if (storages.TryGetValue(key, out var cached))
                return cached;
            var entry = archive.GetEntry($"{root}/data/{key}") ?? throw new CheckpointFormatException($"{path}: storage {root}/data/{key} is missing.");
            using var entryStream = entry.Open();
            using var buffer = new MemoryStream();
            entryStream.CopyTo(buffer);
            return storages[key] = new StorageData(buffer.ToArray(), elementType);
        }

        using var pickleStream = pickleEntry.Open();
        using var seekable = new MemoryStream();
        pickleStream.CopyTo(seekable);
        seekable.Position = 0;
        var reader = new PickleReader(seekable, path)
        {
            PersistentLoad = LoadStorage,
            Reduce = (global, args) => Rebuild(global, args, path),
        };
        var result = reader.Load();
        var stateDict = result as PickleDictionary
            ?? throw new CheckpointFormatException($"{path}: the pickled object is a {result?.GetType().Name ?? "None"}, not a state dict.");

        var tensors = new Dictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach (var (key, value) in Flatten(stateDict, ""))
            tensors[key] = value;
        return tensors;
    }

    /// <summary>
    /// Writes a state dict the way <c>torch.save</c> does (protocol 2 pickle, one storage per tensor,
    /// stored uncompressed), so tests and tools can produce files the real loader reads.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, CheckpointTensor> tensors, TensorElementType type = TensorElementType.Float32, string root = "archive")
    {
        var storageType = StorageTypes.Single(t => t.Value == type).Key;
        var pickle = new PickleWriter();
        pickle.WriteStateDict(tensors, storageType);
        using var stream = File.Create(path);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        AddEntry(archive, $"{root}/data.pkl", pickle.ToArray());
        AddEntry(archive, $"{root}/byteorder", "little"u8.ToArray());
        var index = 0;
        foreach (var (_, tensor) in tensors)
            AddEntry(archive, $"{root}/data/{index++}", ElementConversion.Encode(tensor.Values, type));
        AddEntry(archive, $"{root}/version", "3\n"u8.ToArray());
    }

    private static void AddEntry(ZipArchive archive, string name, byte[] content)
    {
        using var entry = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
        entry.Write(content);
    }

    private static object? Rebuild(PickleGlobal global, object?[] args, string path) => (global.Module, global.Name) switch
    {
        ("collections", "OrderedDict") => new PickleDictionary(),
        ("torch._utils", "_rebuild_tensor_v2") => RebuildTensor(args, path),
        ("torch._utils", "_rebuild_tensor") => RebuildTensor(args, path),
        ("torch._utils", "_rebuild_parameter") or ("torch._utils", "_rebuild_parameter_with_state") => args[0],
        _ => throw new CheckpointFormatException($"{path}: data.pkl calls {global}, which a plain state dict does not use; only tensors, parameters and OrderedDicts are supported."),
    };

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, ...)
    private static CheckpointTensor RebuildTensor(object?[] args, string path)
    {
        if (args.Length < 4 || args[0] is not StorageData storage || args[1] is not long offset || args[2] is not object?[] size || args[3] is not object?[] stride)
            throw new CheckpointFormatException($"{path}: a tensor rebuild call has unexpected arguments.");
        var shape = size.Select(d => (long)d!).ToArray();
        var strides = stride.Select(d => (long)d!).ToArray();
        var count = shape.Aggregate(1L, (n, d) => n * d);
        var elementSize = ElementConversion.SizeOf(storage.Type);
        if ((offset + count) * elementSize > storage.Bytes.Length)
            throw new CheckpointFormatException($"{path}: a tensor of shape [{string.Join(", ", shape)}] at offset {offset} reads past the end of its storage.");
        if (IsContiguous(shape, strides))
            return new CheckpointTensor(shape, ElementConversion.Decode(storage.Bytes.AsSpan((int)(offset * elementSize), (int)(count * elementSize)), storage.Type), storage.Type);

        // A strided view (e.g. a saved transpose): gather element by element.
        var values = new float[count];
        var index = new long[shape.Length];
        for (long i = 0; i < count; i++)
        {
            long position = offset;
            for (var d = 0; d < shape.Length; d++)
                position += index[d] * strides[d];
            if ((position + 1) * elementSize > storage.Bytes.Length)
                throw new CheckpointFormatException($"{path}: a tensor of shape [{string.Join(", ", shape)}] reads past the end of its storage.");
            values[i] = ElementConversion.Read(storage.Bytes.AsSpan((int)(position * elementSize), elementSize), storage.Type);
            for (var d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--)
                index[d] = 0;
        }
        return new CheckpointTensor(shape, values, storage.Type);
    }

    private static bool IsContiguous(long[] shape, long[] strides)
    {
        long expected = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] != 1 && strides[d] != expected)
                return false;
            expected *= shape[d];
        }
        return true;
    }

    // A checkpoint may nest the state dict ({"model": {...}} or {"state_dict": {...}}); keys join with '.'.
    private static IEnumerable<KeyValuePair<string, CheckpointTensor>> Flatten(PickleDictionary dictionary, string prefix)
    {
        foreach (var (key, value) in dictionary.Items)
        {
            if (key is not string name)
                continue;
            switch (value)
            {
                case CheckpointTensor tensor:
                    yield return new(prefix + name, tensor);
                    break;
                case PickleDictionary nested:
                    foreach (var item in Flatten(nested, prefix + name + "."))
                        yield return item;
                    break;
            }
        }
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private sealed record StorageData(byte[] Bytes, TensorElementType Type);
}
