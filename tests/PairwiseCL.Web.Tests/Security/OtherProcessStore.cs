using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// The store of a <see cref="TestSupport.PortalProcess"/> as another process sees it (a backup script, the
/// CLI): every call opens its own connection and closes it again, holding nothing open in between, so
/// nothing in this process keeps SQLite's locks alive for the portal.
/// </summary>
internal sealed class OtherProcessStore(string folder)
{
    public string DatabasePath => Path.Combine(folder, "store", "portal.db");

    /// <summary>Queues a job for the portal's worker, as another portal or the CLI on the same store would.</summary>
    public async Task<long> EnqueueAsync(Func<int, JobRequest> request)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = Path.Combine(folder, "data"),
            ["Storage:DatabasePath"] = DatabasePath,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddPairwiseStore(configuration).AddSingleton<JobStore>().BuildServiceProvider();
        try
        {
            var workspaceId = await services.GetRequiredService<WorkspaceRepository>().GetDefaultIdAsync();
            return await services.GetRequiredService<JobStore>().AddAsync(request(workspaceId));
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>A read such as `sqlite3 portal.db "select count(*) from Corpora"`: open, query, close.</summary>
    public long Count(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (long)command.ExecuteScalar()!;
    }

    public (string State, string? Error, string Log) Job(long id)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select State, Error, Log from Jobs where Id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"No job {id} in the store.");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
    }

    /// <summary>Polls (each poll a fresh connection) until the job has finished; fails after the wait limit.</summary>
    public async Task<(string State, string? Error, string Log)> UntilFinishedAsync(long id, string portalOutput, double timeoutSeconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = Job(id);
            if (job.State is not ("Queued" or "Running")) return job;
            Assert.True(DateTime.UtcNow < deadline, $"Job {id} is still {job.State} after {timeoutSeconds} s:\n{portalOutput}");
            await Task.Delay(200);
        }
    }
}
