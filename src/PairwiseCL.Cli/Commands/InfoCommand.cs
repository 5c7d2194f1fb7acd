using System.CommandLine;
using Spectre.Console;
using TorchSharp;

namespace PairwiseCL.Cli.Commands;

/// <summary>`pairwisecl info`: the compute device and runtime this machine offers.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the compute device, libtorch and .NET runtime in use.");
        command.SetAction(_ =>
        {
            var cuda = torch.cuda.is_available();
            var table = new Table().AddColumn("what").AddColumn("value");
            table.AddRow(".NET", Environment.Version.ToString());
            table.AddRow("TorchSharp", typeof(torch).Assembly.GetName().Version?.ToString() ?? "?");
            table.AddRow("device", cuda ? $"CUDA ({torch.cuda.device_count()} device(s))" : "CPU");
            table.AddRow("CPU threads", torch.get_num_threads().ToString());
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
