using System.CommandLine;
using PairwiseCL.Cli.Commands;

var root = new RootCommand("PairwiseCL: multi-view contrastive pre-training for speech emotion recognition, headless.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
