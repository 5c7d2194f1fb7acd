namespace PairwiseCL.Core.Checkpoints;

/// <summary>Reads a state dict from any supported checkpoint file, recognising the format by its content.</summary>
public static class CheckpointFile
{
    public static IReadOnlyDictionary<string, CheckpointTensor> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        var head = new byte[16];
        using (var stream = File.OpenRead(path))
            head = head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];

        if (PyTorchZipFile.LooksLikeZip(head))
            return PyTorchZipFile.Read(path);
        if (SafetensorsFile.LooksLikeSafetensors(head))
            return SafetensorsFile.Read(path);
        if (head.Length > 0 && head[0] == 0x80)
            throw new CheckpointFormatException(
                $"{path}: this is PyTorch's legacy (pre-1.6, non-zip) torch.save format, which is not supported. " +
                "Re-save it once with a recent PyTorch (torch.save(torch.load(path), new_path)) or convert it to safetensors.");
        throw new CheckpointFormatException($"{path}: not a safetensors file or a PyTorch zip checkpoint.");
    }
}
