using System.Text.Json;
using PairwiseCL.Core.Files;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// One run's checkpoint folder: the last epoch's model and optimizer state, the best model so far and a
/// JSON state. Files are written to a temporary name and then moved, so a run killed mid-write leaves the
/// previous checkpoint intact.
/// </summary>
internal sealed class CheckpointStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // A run whose first epochs diverged keeps -Infinity as its best score.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    private readonly string folder;

    public CheckpointStore(string folder)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
    }

    private string StatePath => Path.Combine(folder, "state.json");
    private string ModelPath => Path.Combine(folder, "last-model.bin");
    private string OptimizerPath => Path.Combine(folder, "last-optimizer.bin");
    private string BestPath => Path.Combine(folder, "best-model.bin");

    /// <summary>The saved state of this run, or null when the folder holds none yet.</summary>
    public LoopState? Load(string runKey)
    {
        if (!File.Exists(StatePath))
            return null;
        var state = JsonSerializer.Deserialize<LoopState>(File.ReadAllText(StatePath), Json)
            ?? throw new InvalidDataException($"Checkpoint state {StatePath} is empty.");
        if (state.RunKey != runKey)
            throw new InvalidOperationException($"Checkpoint folder {folder} belongs to run {state.RunKey}, not {runKey}; use a folder per run.");
        return state;
    }

    public void RestoreLast(nn.Module model, OptimizerHelper optimizer)
    {
        model.load(ModelPath);
        using var reader = new BinaryReader(OptimizerState(optimizer));
        optimizer.load_state_dict(reader);
    }

    /// <summary>
    /// The saved optimizer state. TorchSharp records the optimizer's type name and refuses another; checkpoints
    /// written before <see cref="StableAdam"/> name TorchSharp's Adam, whose options and state layout StableAdam
    /// keeps, so they are relabelled and a run interrupted before the upgrade still resumes.
    /// </summary>
    private MemoryStream OptimizerState(OptimizerHelper optimizer)
    {
        var bytes = File.ReadAllBytes(OptimizerPath);
        using var probe = new BinaryReader(new MemoryStream(bytes));
        if (optimizer is not StableAdam || probe.ReadString() != nameof(Adam))
            return new MemoryStream(bytes);
        var rest = (int)probe.BaseStream.Position;
        var relabelled = new MemoryStream();
        using (var writer = new BinaryWriter(relabelled, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(optimizer.GetType().Name);
            writer.Write(bytes, rest, bytes.Length - rest);
        }
        relabelled.Position = 0;
        return relabelled;
    }

    public void RestoreBest(nn.Module model) => model.load(BestPath);

    public void SaveBest(nn.Module model) => AtomicFile.Write(BestPath, path => model.save(path));

    public void SaveLast(LoopState state, nn.Module model, OptimizerHelper optimizer)
    {
        AtomicFile.Write(ModelPath, path => model.save(path));
        AtomicFile.Write(OptimizerPath, optimizer.save_state_dict);
        // The state goes last: it only ever points at tensors that are already on disk.
        AtomicFile.Write(StatePath, path => File.WriteAllText(path, JsonSerializer.Serialize(state, Json)));
    }
}
