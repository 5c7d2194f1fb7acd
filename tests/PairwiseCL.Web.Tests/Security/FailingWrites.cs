using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Tests.Security;

/// <summary>
/// A full disk as the store sees it: while <see cref="Failing"/>, every write to the named table (or to any
/// table) fails with SQLite's SQLITE_FULL, exactly as SQLite reports a disk without space.
/// </summary>
public sealed class FailingWrites : DbCommandInterceptor
{
    private int refused;
    private volatile bool failing;

    public FailingWrites(string? table = null) => Table = table;

    public string? Table { get; }

    public bool Failing { get => failing; set => failing = value; }

    /// <summary>How many writes were refused so far.</summary>
    public int Refused => Volatile.Read(ref refused);

    public static Action<IServiceCollection> Register(FailingWrites writes) =>
        services => services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(writes));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (!failing) return;
        var text = command.CommandText.TrimStart();
        var write = text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
        if (!write || (Table is not null && !text.Contains($"\"{Table}\"", StringComparison.Ordinal))) return;
        Interlocked.Increment(ref refused);
        throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
    }
}
