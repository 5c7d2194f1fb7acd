using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Tests.Store;

/// <summary>
/// The store's SQLite connections close cleanly even when a statement was left to the finalizer. A pooled connection
/// went back to its pool by un-registering the collation EF Core registers on it, which SQLite refuses while a statement
/// the GC has collected but not yet finalized is still active ("unable to delete/modify collation sequence due to
/// active statements", dotnet/efcore#36591): one browser test's page request failed with a 500 that way.
/// </summary>
public sealed class SqliteConnectionReturnTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pairwisecl-sqlite-return", Guid.NewGuid().ToString("N"));

    [Fact]
    public void AStatementLeftToTheFinalizer_NeverFailsClosingTheStoresConnection()
    {
        Directory.CreateDirectory(folder);
        var storage = new StorageOptions { DatabasePath = Path.Combine(folder, "store.db") };
        for (var round = 0; round < 50; round++)
        {
            using var connection = new SqliteConnection(storage.SqliteConnectionString);
            // As EF Core's SQLite provider registers on every connection it opens.
            connection.CreateCollation("EF_DECIMAL", string.CompareOrdinal);
            connection.Open();
            LeaveAStatementActive(connection);
            // The command and its reader are now unreachable; their statement stays active until a finalizer runs.
            GC.Collect();
            connection.Close();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveAStatementActive(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 UNION ALL SELECT 2";
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
