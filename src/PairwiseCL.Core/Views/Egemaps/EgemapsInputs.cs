namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Turns a folder of .wav files (searched recursively, named by file name without extension) or a manifest CSV
/// (a header with a 'file' or 'path' column, relative paths resolved against the CSV's folder, optional
/// 'utterance' or 'name' column) into extraction inputs.
/// </summary>
public static class EgemapsInputs
{
    public static IReadOnlyList<EgemapsInput> Resolve(string input)
    {
        if (Directory.Exists(input))
            return Directory.EnumerateFiles(input, "*.wav", SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => new EgemapsInput(Path.GetFileNameWithoutExtension(p), p))
                .ToList();
        if (File.Exists(input)) return FromManifest(input);
        throw new FileNotFoundException($"Input '{input}' is neither a folder nor a manifest CSV.", input);
    }

    private static List<EgemapsInput> FromManifest(string manifest)
    {
        var lines = File.ReadAllLines(manifest);
        if (lines.Length == 0) throw new InvalidDataException($"Manifest {manifest} is empty.");
        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var fileColumn = Array.FindIndex(header, h => h is "file" or "path");
        if (fileColumn < 0)
            throw new InvalidDataException($"Manifest {manifest} has no 'file' or 'path' column (header: {lines[0]}).");
        var nameColumn = Array.FindIndex(header, h => h is "utterance" or "name");
        var root = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var inputs = new List<EgemapsInput>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(',');
            if (cells.Length <= fileColumn)
                throw new InvalidDataException($"{manifest}:{i + 1} has no value in the '{header[fileColumn]}' column.");
            var path = Path.GetFullPath(Path.Combine(root, cells[fileColumn].Trim()));
            var name = nameColumn >= 0 && nameColumn < cells.Length ? cells[nameColumn].Trim() : Path.GetFileNameWithoutExtension(path);
            inputs.Add(new EgemapsInput(name, path));
        }
        return inputs;
    }
}
