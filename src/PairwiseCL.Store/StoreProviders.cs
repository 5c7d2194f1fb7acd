using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Store;

/// <summary>
/// The two stores the portal runs on: SQLite (one file; the embedded default) and PostgreSQL (a server that
/// several hosts share). Each has its own migration set: SQLite's in this assembly, PostgreSQL's in
/// <see cref="PostgresMigrationsAssembly"/>, which the hosts reference so EF Core can load it by name.
/// </summary>
public static class StoreProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public const string PostgresMigrationsAssembly = "PairwiseCL.Store.Postgres";

    public static bool IsKnown(string provider) => provider is Sqlite or Postgres;

    /// <summary>Points <paramref name="options"/> at the configured store.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        if (storage.IsPostgres)
            return options.UseNpgsql(storage.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        // Our own code must never open the store as a plain file (that would drop SQLite's POSIX locks).
        ProtectedFiles.ProtectDatabase(storage.DatabaseFullPath);
        return options.UseSqlite(storage.SqliteConnectionString);
    }

    /// <summary>
    /// Every time the store keeps is UTC, but SQLite hands DateTimes back unspecified and forms produce unspecified
    /// ones; PostgreSQL's timestamptz refuses any DateTime not marked UTC, so on PostgreSQL they are marked UTC on
    /// the way in and out.
    /// </summary>
    internal static void ConfigureConventions(ModelConfigurationBuilder builder, bool postgres)
    {
        if (!postgres) return;
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
