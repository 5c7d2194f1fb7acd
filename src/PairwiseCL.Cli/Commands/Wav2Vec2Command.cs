using System.CommandLine;
using System.Diagnostics;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Checkpoints;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views.Wav2Vec2;
using Spectre.Console;
using TorchSharp;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl wav2vec2`: wav2vec 2.0 hidden states for every WAV file under a folder, one
/// <c>&lt;name&gt;.safetensors</c> per file holding <c>hidden_states</c> [layers, frames, dim].
/// </summary>
internal static class Wav2Vec2Command
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "model.safetensors, pytorch_model.bin, torchaudio .pth or .onnx export." };
        var randomWeights = new Option<string?>("--random-weights") { Description = "Time a randomly initialised preset (base, large-lv60k, hubert-base) instead of a checkpoint; its features are meaningless." };
        var input = new Option<DirectoryInfo>("--input") { Description = "Folder searched recursively for 16 kHz .wav files.", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the .safetensors feature files.", Required = true };
        var preset = new Option<string?>("--preset") { Description = "Architecture preset when it cannot be inferred (needed for .onnx if not BASE)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Clips per model call.", DefaultValueFactory = _ => 4 };
        var float16 = new Option<bool>("--float16") { Description = "Store half precision (3.59 GB per hour of audio instead of 7.19 GB)." };
        var padding = new Option<Wav2Vec2Padding>("--padding") { Description = "Padding policy.", DefaultValueFactory = _ => Wav2Vec2Padding.FixedLengthRealFramesOnly };
        var convention = new Option<HiddenStateConvention>("--convention") { Description = "What hidden state 0 is.", DefaultValueFactory = _ => HiddenStateConvention.Torchaudio };
        var limit = new Option<int?>("--limit") { Description = "Process at most this many files." };

        var command = new Command("wav2vec2", "Extract wav2vec 2.0 hidden states (all layers) from a folder of WAV files.")
        {
            checkpoint, randomWeights, input, output, preset, batchSize, float16, padding, convention, limit,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new Wav2Vec2ViewOptions
            {
                ModelPath = parse.GetValue(checkpoint)?.FullName ?? "",
                Preset = parse.GetValue(preset) ?? "",
                BatchSize = parse.GetValue(batchSize),
                Float16 = parse.GetValue(float16),
                Padding = parse.GetValue(padding),
                Convention = parse.GetValue(convention),
            };
            return Task.FromResult(Run(options, parse.GetValue(randomWeights), parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(limit), cancellationToken));
        });
        return command;
    }

    private static int Run(Wav2Vec2ViewOptions options, string? randomPreset, DirectoryInfo input, DirectoryInfo output, int? limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.ModelPath) == string.IsNullOrEmpty(randomPreset))
        {
            AnsiConsole.MarkupLine("[red]Give exactly one of --checkpoint <file> or --random-weights <preset>.[/]");
            return 2;
        }
        if (!input.Exists)
        {
            AnsiConsole.MarkupLine($"[red]Input folder {Markup.Escape(input.FullName)} does not exist.[/]");
            return 2;
        }
        var files = input.EnumerateFiles("*.wav", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal).Take(limit ?? int.MaxValue).ToList();
        if (files.Count == 0)
        {
            AnsiConsole.MarkupLine($"[red]No .wav files under {Markup.Escape(input.FullName)}.[/]");
            return 2;
        }

        var loading = Stopwatch.StartNew();
        using var view = randomPreset is null ? Wav2Vec2View.Open(options, cancellationToken) : RandomView(randomPreset, options);
        loading.Stop();
        var shape = view.OutputShape;
        AnsiConsole.MarkupLine($"{(randomPreset is null ? Markup.Escape(options.ModelPath) : $"random {Markup.Escape(randomPreset)} weights")}: " +
            $"[bold]{shape[0]} layers x {shape[2]}[/] ({view.Configuration.Backend} on {view.Device}, loaded in {loading.Elapsed.TotalSeconds:F1} s, cache key {view.ConfigurationKey})");
        AnsiConsole.MarkupLine($"{files.Count} WAV file(s); clips {view.Configuration.Padding} to {view.Configuration.ClipSeconds} s; batch {options.BatchSize}");

        output.Create();
        double audioSeconds = 0;
        var extracting = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var skipped = new List<string>();
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("wav2vec 2.0", maxValue: files.Count);
            foreach (var batch in files.Chunk(Math.Max(1, options.BatchSize)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clips = new List<(FileInfo File, AudioClip Clip)>();
                foreach (var file in batch)
                {
                    var clip = WavReader.Read(file.FullName);
                    if (clip.SampleRate == view.SampleRate)
                        clips.Add((file, clip));
                    else
                        skipped.Add($"{file.FullName}: {clip.SampleRate} Hz, needs {view.SampleRate} Hz");
                }
                extracting.Start();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var features = view.ExtractBatch(clips.Select(c => c.Clip).ToList(), null, cancellationToken);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                extracting.Stop();
                for (var i = 0; i < clips.Count; i++)
                {
                    audioSeconds += Math.Min(clips[i].Clip.DurationSeconds, view.Configuration.ClipSeconds);
                    Save(features[i], view, Path.Combine(output.FullName, Path.ChangeExtension(Path.GetRelativePath(input.FullName, clips[i].File.FullName), ".safetensors")));
                }
                task.Increment(batch.Length);
            }
        });

        foreach (var problem in skipped)
            AnsiConsole.MarkupLine($"[yellow]skipped {Markup.Escape(problem)}[/]");
        var wall = extracting.Elapsed.TotalSeconds;
        AnsiConsole.MarkupLine($"{files.Count - skipped.Count} file(s), {audioSeconds:F1} s of audio in {wall:F1} s: [bold]{audioSeconds / wall:F2} audio seconds per wall second[/] " +
            $"({audioSeconds / cpu.TotalSeconds:F2} per CPU second on {Environment.ProcessorCount} core(s), {view.Configuration.Padding}) -> {Markup.Escape(output.FullName)}");
        return skipped.Count == 0 ? 0 : 1;
    }

    private static void Save(PairwiseCL.Core.Views.FeatureMatrix features, Wav2Vec2View view, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tensors = new Dictionary<string, CheckpointTensor>
        {
            ["hidden_states"] = new(features.Shape.Select(d => (long)d).ToArray(), features.Data),
        };
        var metadata = new Dictionary<string, string>
        {
            ["valid_frames"] = features.ValidFrames.ToString(),
            ["view"] = view.Name,
            ["configuration_key"] = view.ConfigurationKey,
        };
        SafetensorsFile.Write(path, tensors, view.Configuration.Float16 ? TensorElementType.Float16 : TensorElementType.Float32, metadata);
    }

    private static Wav2Vec2View RandomView(string preset, Wav2Vec2ViewOptions options)
    {
        var model = SeededModules.Build(0, () => new Wav2Vec2Model(Wav2Vec2Config.Preset(preset), options.Convention));
        var backend = new TorchSharpWav2Vec2Backend(model, options.PreferCuda);
        var configuration = new Wav2Vec2ViewConfiguration(backend.Name, "random-seed-0", model.Config, options.Convention,
            ClipSeconds: options.ClipSeconds, Padding: options.Padding, Float16: options.Float16);
        return new Wav2Vec2View(backend, configuration, options.BatchSize);
    }
}
