using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// One real PostgreSQL server for the whole test run (Debian's `postgresql` package, which build/test.sh
/// installs): a throw-away cluster in a temporary folder, listening on a free loopback port only, trust
/// authentication, durability off for speed. PostgreSQL refuses to run as root, so under root the cluster
/// belongs to `nobody`. A watchdog shell stops the server as soon as the test process is gone, however it ended.
/// Each portal gets its own database on it.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(int port) => Port = port;

    public static PostgresServer Instance => Shared.Value;

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> (created by EF Core's migrator when missing).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=20;Include Error Detail=true";

    /// <summary>Drops a test's database, closing the connections still open on it.</summary>
    public async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PostgresServer Start()
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), "pairwisecl-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot) Run("chown", ["nobody", root]);
        var data = Path.Combine(root, "data");
        RunAsServerUser(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);

        var port = FreePort();
        var postgres = $"'{Path.Combine(bin, "postgres")}' -D '{data}' -p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{root}'"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        // The watchdog: when the test process is gone (finished or killed), stop the server at once and remove its folder.
        var script = $"{postgres} > '{root}/server.log' 2>&1 & pg=$!; "
            + $"while [ -d /proc/{Environment.ProcessId} ] && kill -0 $pg 2>/dev/null; do sleep 0.5; done; "
            + $"kill -QUIT $pg 2>/dev/null; wait $pg; rm -rf '{root}'";
        var watchdog = Process.Start(ServerUserStart(asRoot, "/bin/sh", ["-c", script]))!;
        var server = new PostgresServer(port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
                connection.Open();
                return server;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !watchdog.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (NpgsqlException e)
            {
                var log = File.Exists(Path.Combine(root, "server.log")) ? File.ReadAllText(Path.Combine(root, "server.log")) : "(no log)";
                throw new InvalidOperationException($"The test PostgreSQL server did not start on port {port}: {e.Message}\n{log}", e);
            }
        }
    }

    private static string FindBinaries()
    {
        const string lib = "/usr/lib/postgresql";
        var bin = Directory.Exists(lib)
            ? Directory.GetDirectories(lib).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `bash build/test.sh`, which installs Debian's postgresql package, or `apt-get install postgresql`.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static ProcessStartInfo ServerUserStart(bool asRoot, string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot) foreach (var a in (string[])["-u", "nobody", "--", file]) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // Inside a folder nobody may not read, initdb's child processes would fail on getcwd.
        start.WorkingDirectory = "/";
        return start;
    }

    private static void RunAsServerUser(bool asRoot, string file, IReadOnlyList<string> arguments) => Wait(Process.Start(ServerUserStart(asRoot, file, arguments))!, file);

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Wait(Process.Start(start)!, file);
    }

    private static void Wait(Process process, string what)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }
}
