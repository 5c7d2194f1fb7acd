using Microsoft.Data.Sqlite;
using Npgsql;

namespace PairwiseCL.Store.Jobs;

/// <summary>Recognises "no space left" however it surfaces: SQLite's SQLITE_FULL, PostgreSQL's disk_full, or an I/O error (ENOSPC, ERROR_DISK_FULL).</summary>
public static class DiskFull
{
    private const int SqliteFull = 13;
    private const string PostgresDiskFull = "53100";
    private const int Enospc = 28;
    private const int ErrorDiskFull = unchecked((int)0x80070070);
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteFull }) return true;
            if (e is PostgresException { SqlState: PostgresDiskFull }) return true;
            if (e is IOException io && (io.HResult is Enospc or ErrorDiskFull or ErrorHandleDiskFull
                || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))) return true;
        }
        return false;
    }

    /// <summary>The reason a job failed, as members read it: "disk full: ..." when the disk was the cause.</summary>
    public static string Reason(Exception exception) => Is(exception) ? $"disk full: {exception.Message}" : exception.Message;
}
