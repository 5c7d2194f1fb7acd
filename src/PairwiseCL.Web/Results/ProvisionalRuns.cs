using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Files;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Results;

/// <summary>
/// The runs an experiment has finished so far, so the results page can show them and a provisional Figure 3 during a
/// long protocol instead of "no results yet". A job that runs the whole protocol in this process tells them as they
/// finish and they are kept in memory until its report is written (a job that resumes after a restart reports its
/// stored runs again). A fanned-out experiment (Jobs:Engine=hangfire) runs its parts on worker hosts this process never
/// hears from, so its coordinator <see cref="Publish"/>es where the protocol's runs go in the shared data folder, and
/// the runs are read from there: one file per run, each written whole (a temporary file renamed over it).
/// </summary>
public sealed partial class ProvisionalRuns(IOptions<StorageOptions> storage, ILogger<ProvisionalRuns> logger)
{
    /// <summary>Next to the report folder: the protocol folder's name under work/ and the planned run count.</summary>
    private const string PublishedFile = "provisional.json";

    /// <summary>Fanned-out experiments whose run files are kept parsed; the least recently read beyond this are dropped.</summary>
    private const int StoredEntries = 16;

    private readonly ConcurrentDictionary<int, Entry> entries = new();
    private readonly ConcurrentDictionary<int, StoredEntry> stored = new();

    public void Add(int experimentId, RunProgress progress)
    {
        var entry = entries.GetOrAdd(experimentId, _ => new Entry());
        lock (entry)
        {
            entry.Runs.Add(progress.Run);
            entry.Planned = progress.Planned;
        }
    }

    /// <summary>
    /// The runs so far and the protocol's planned count: those told to this process, else those a fanned-out
    /// experiment's parts stored in the shared work folder; null when there are neither.
    /// </summary>
    public (IReadOnlyList<RunResult> Runs, int Planned)? Find(int experimentId)
    {
        if (entries.TryGetValue(experimentId, out var entry))
            lock (entry) return ([.. entry.Runs], entry.Planned);
        return FindStored(experimentId);
    }

    /// <summary>
    /// A fanned-out experiment's coordinator, before it queues the parts: where its runs will be stored (the protocol
    /// folder <see cref="ProtocolRunner.FolderKey"/> under the data folder's work/) and how many the protocol plans.
    /// </summary>
    public void Publish(int experimentId, string protocolFolderKey, int plannedRuns)
    {
        var path = PublishedPath(experimentId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Published(protocolFolderKey, plannedRuns))); // read by other hosts
    }

    /// <summary>The job ended (its report, if any, is the truth from now on).</summary>
    public void Forget(int experimentId)
    {
        entries.TryRemove(experimentId, out _);
        stored.TryRemove(experimentId, out _);
    }

    /// <remarks>
    /// Each call lists the runs folder and parses only the files it has not parsed before, so a page that refreshes
    /// every few seconds while hundreds of runs are stored costs one directory listing and the new runs.
    /// </remarks>
    private (IReadOnlyList<RunResult> Runs, int Planned)? FindStored(int experimentId)
    {
        if (ReadPublished(experimentId) is not { } published)
        {
            stored.TryRemove(experimentId, out _);
            return null;
        }
        var folder = Path.Combine(storage.Value.DataFolderFullPath, "work", published.ProtocolFolder, ProtocolRunner.RunsFolder);
        var entry = stored.AddOrUpdate(experimentId, _ => new StoredEntry(folder), (_, old) => old.Folder == folder ? old : new StoredEntry(folder));
        List<RunResult> runs;
        lock (entry)
        {
            entry.LastRead = Environment.TickCount64;
            var files = RunFiles(folder);
            foreach (var gone in entry.Runs.Keys.Where(f => !files.Contains(f)).ToList()) entry.Runs.Remove(gone);
            foreach (var file in files.Where(f => !entry.Runs.ContainsKey(f)))
                if (Read(file) is { } run) entry.Runs[file] = run;
            // In the order they finished, as a job in this process tells them: a run keeps its number (its drill-down
            // link) while later ones are added.
            runs = [.. entry.Runs.OrderBy(r => r.Value.Written).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.Run)];
        }
        while (stored.Count > StoredEntries && stored.MinBy(e => e.Value.LastRead) is { Key: var oldest } && oldest != experimentId)
            stored.TryRemove(oldest, out _);
        return (runs, published.PlannedRuns);
    }

    /// <summary>The folder's run files; none while it does not exist yet (no part has stored a run) or cannot be listed.</summary>
    private HashSet<string> RunFiles(string folder)
    {
        try
        {
            // A run is written to a temporary "<hash>.json.….tmp" and renamed (AtomicFile): only whole runs end in .json.
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".json", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Runs folder {Folder} could not be listed", folder);
            return [];
        }
    }

    /// <summary>A stored run and when it was written; null (tried again on the next read) when it is unreadable or went away while being read.</summary>
    private (DateTime Written, RunResult Run)? Read(string file)
    {
        try
        {
            var written = File.GetLastWriteTimeUtc(file);
            return ProtocolRunner.TryLoad(file) is { } run ? (written, run) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(e, "Run file {File} could not be read", file);
            return null;
        }
    }

    private Published? ReadPublished(int experimentId)
    {
        var path = PublishedPath(experimentId);
        try
        {
            if (!File.Exists(path)) return null;
            var published = JsonSerializer.Deserialize<Published>(File.ReadAllText(path));
            // The name joins the data folder's path: only a configuration hash may, never ".." or a rooted path.
            if (published is { PlannedRuns: >= 0 } && FolderKeyPattern().IsMatch(published.ProtocolFolder ?? "")) return published;
            logger.LogWarning("{Path} does not name a protocol folder; experiment {Id} shows no provisional runs", path, experimentId);
            return null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "{Path} is unreadable; experiment {Id} shows no provisional runs", path, experimentId);
            return null;
        }
    }

    private string PublishedPath(int experimentId) =>
        ReportFolder.BesideReport(storage.Value.DataFolderFullPath, experimentId, PublishedFile);

    [GeneratedRegex("^[0-9a-f]{1,64}$")]
    private static partial Regex FolderKeyPattern();

    private sealed record Published(string ProtocolFolder, int PlannedRuns);

    private sealed class Entry
    {
        public List<RunResult> Runs { get; } = [];
        public int Planned { get; set; }
    }

    private sealed class StoredEntry(string folder)
    {
        public string Folder { get; } = folder;
        public Dictionary<string, (DateTime Written, RunResult Run)> Runs { get; } = new(StringComparer.Ordinal);
        public long LastRead { get; set; }
    }
}
