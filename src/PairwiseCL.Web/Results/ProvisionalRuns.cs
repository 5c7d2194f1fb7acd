using System.Collections.Concurrent;
using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Web.Results;

/// <summary>
/// The runs an experiment job has finished so far, kept in memory until its report is written, so the results
/// page can show them and a provisional Figure 3 during a long protocol instead of "no results yet". A job that
/// resumes after a restart reports its stored runs again, so nothing is lost with the process.
/// </summary>
public sealed class ProvisionalRuns
{
    private readonly ConcurrentDictionary<int, Entry> entries = new();

    public void Add(int experimentId, RunProgress progress)
    {
        var entry = entries.GetOrAdd(experimentId, _ => new Entry());
        lock (entry)
        {
            entry.Runs.Add(progress.Run);
            entry.Planned = progress.Planned;
        }
    }

    /// <summary>The runs so far and the protocol's planned count, or null when the experiment has none in progress here.</summary>
    public (IReadOnlyList<RunResult> Runs, int Planned)? Find(int experimentId)
    {
        if (!entries.TryGetValue(experimentId, out var entry)) return null;
        lock (entry) return ([.. entry.Runs], entry.Planned);
    }

    /// <summary>The job ended (its report, if any, is the truth from now on).</summary>
    public void Forget(int experimentId) => entries.TryRemove(experimentId, out _);

    private sealed class Entry
    {
        public List<RunResult> Runs { get; } = [];
        public int Planned { get; set; }
    }
}
