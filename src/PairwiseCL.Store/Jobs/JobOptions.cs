namespace PairwiseCL.Store.Jobs;

/// <summary>The job engine's settings (section "Jobs").</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// <see cref="JobEngines.Embedded"/> (the default: our own queue in the store, run in this process) or
    /// <see cref="JobEngines.Hangfire"/> (Hangfire on the PostgreSQL store: any number of worker hosts).
    /// </summary>
    public string Engine { get; set; } = JobEngines.Embedded;

    /// <summary>
    /// Whether this process runs jobs at all. A portal whose work goes to `pairwisecl worker` hosts sets it to false;
    /// it still queues, cancels and retries jobs and shows them.
    /// </summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>How this process is named in job logs and on the Jobs page; empty means "host:process id".</summary>
    public string WorkerName { get; set; } = "";

    public string EffectiveWorkerName => string.IsNullOrWhiteSpace(WorkerName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : WorkerName.Trim();

    public bool IsHangfire => string.Equals(Engine?.Trim(), JobEngines.Hangfire, StringComparison.OrdinalIgnoreCase);

    /// <summary>Devices the worker serves; each runs one job at a time ("cpu", "cuda:0", ...). Empty means "cpu".</summary>
    // No default items: configuration binding appends to a list, so a default would always stay in it.
    public List<string> Devices { get; set; } = [];

    public IReadOnlyList<string> EffectiveDevices =>
        Devices.Count == 0 ? [JobRequest.CpuDevice] : Devices.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();

    /// <summary>
    /// With Hangfire: how many jobs that only coordinate others (a fanned-out experiment waiting for its parts) this
    /// process runs at once, on queue "control", beside its devices.
    /// </summary>
    public int CoordinatorSlots { get; set; } = 4;

    /// <summary>With Hangfire: the device kind a fanned-out experiment's parts are queued for ("cpu", or "cuda" for GPU workers).</summary>
    public string ExperimentDevice { get; set; } = JobRequest.CpuDevice;

    /// <summary>How often an idle device looks for work that another process queued.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// A running job whose worker has not reported for this long is presumed dead (crash, kill, power
    /// loss) and queued again. Live workers report every second, so jobs of another live process are
    /// never taken over.
    /// </summary>
    public double StaleAfterSeconds { get; set; } = 30;
}

/// <summary>The engines that run background jobs.</summary>
public static class JobEngines
{
    public const string Embedded = "embedded";
    public const string Hangfire = "hangfire";

    public static bool IsKnown(string? engine) =>
        string.Equals(engine?.Trim(), Embedded, StringComparison.OrdinalIgnoreCase) || string.Equals(engine?.Trim(), Hangfire, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Hangfire queues per device kind, so a GPU host takes only GPU work and a CPU host only CPU work.</summary>
public static class JobQueues
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";

    /// <summary>The queue (and pseudo-device) of jobs that only coordinate others: they hold no device while they wait.</summary>
    public const string Control = "control";

    /// <summary>"cpu" for the CPU, "gpu" for "cuda", "cuda:N" and "gpu".</summary>
    public static string For(string device)
    {
        var d = device.Trim().ToLowerInvariant();
        return d == JobRequest.CpuDevice ? Cpu
            : d == Control ? Control
            : d is "gpu" or "cuda" || d.StartsWith("cuda:", StringComparison.Ordinal) ? Gpu
            : throw new ArgumentException($"Unknown device '{device}': use cpu, cuda or cuda:N.", nameof(device));
    }
}
