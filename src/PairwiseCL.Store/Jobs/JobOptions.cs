namespace PairwiseCL.Store.Jobs;

/// <summary>The embedded worker's settings (section "Jobs").</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Devices the worker serves; each runs one job at a time ("cpu", "cuda:0", ...). Empty means "cpu".</summary>
    // No default items: configuration binding appends to a list, so a default would always stay in it.
    public List<string> Devices { get; set; } = [];

    public IReadOnlyList<string> EffectiveDevices =>
        Devices.Count == 0 ? [JobRequest.CpuDevice] : Devices.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();

    /// <summary>How often an idle device looks for work that another process queued.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// A running job whose worker has not reported for this long is presumed dead (crash, kill, power
    /// loss) and queued again. Live workers report every second, so jobs of another live process are
    /// never taken over.
    /// </summary>
    public double StaleAfterSeconds { get; set; } = 30;
}
