using System.CommandLine;

namespace PairwiseCL.Cli.Commands;

/// <summary>Every sub-command of `pairwisecl`, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return InfoCommand.Create();
        yield return ImportCommand.Create();
        yield return CorporaCommand.Create();
        yield return ExtractCommand.Create();
        yield return ReproduceCommand.Create();
        yield return PretrainCommand.Create();
        yield return TrainModelCommand.Create();
        yield return ActiveLearningCommand.Create();
        yield return Wav2Vec2Command.Create();
        yield return BenchCommand.Create();
        yield return LoadTestCommand.Create();
        yield return EgemapsCommand.Create();
        yield return EgemapsCommand.CreateParity();
    }
}
