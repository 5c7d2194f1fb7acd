using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PairwiseCL.Core.Files;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Store;

/// <summary>
/// Ties the data folder to the store. The first portal or CLI start writes a random id into
/// <c>&lt;DataFolder&gt;/.pairwisecl-data-id</c> and the same id into the store. A worker host
/// (<see cref="StorageOptions.VerifyDataFolder"/>) refuses to start unless its data folder holds that id: with the
/// shared folder not mounted, or mounted at another path, it would read no audio and write checkpoints and runs where
/// no other host sees them.
/// </summary>
public static class DataFolderIdentity
{
    public const string FileName = ".pairwisecl-data-id";
    public const string SettingKey = "DataFolderId";

    /// <summary>Gives a store without an identity the data folder's (or a new one); warns when they differ.</summary>
    public static async Task EnsureAsync(PortalDbContext db, StorageOptions storage, ILogger logger, CancellationToken cancellationToken)
    {
        var file = FileOf(storage);
        var onDisk = Read(file);
        var stored = await StoredAsync(db, cancellationToken);
        if (stored is null)
        {
            var id = onDisk ?? Guid.NewGuid().ToString("N");
            if (onDisk is null) Write(file, id);
            db.StoreSettings.Add(new StoreSetting { Key = SettingKey, Value = id });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Another process gave the store its identity at the same moment: take that one.
                db.ChangeTracker.Clear();
                stored = await StoredAsync(db, cancellationToken);
                if (stored is null) throw;
                if (onDisk is null) Write(file, stored);
                onDisk = stored;
            }
        }
        if (onDisk != stored)
            logger.LogWarning("{Problem}", Mismatch("This process's", storage, onDisk, stored));
    }

    /// <exception cref="DataFolderMismatchException">The data folder is not the one the store was created with.</exception>
    public static async Task VerifyAsync(PortalDbContext db, StorageOptions storage, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(db, cancellationToken);
        if (stored is null)
            throw new DataFolderMismatchException(
                $"The store {storage.Describe()} has no data-folder identity yet, so this worker cannot check that {storage.DataFolderFullPath} "
                + $"is the lab's data folder. Start the portal once first (it writes {FileName} into its data folder and the same id into the store).");
        var onDisk = Read(FileOf(storage));
        if (onDisk != stored)
            throw new DataFolderMismatchException(Mismatch("This worker's", storage, onDisk, stored));
    }

    private static string Mismatch(string whose, StorageOptions storage, string? onDisk, string? stored) =>
        $"{whose} data folder {storage.DataFolderFullPath} (Storage:DataFolder) is not the one the store {storage.Describe()} was created with: "
        + (onDisk is null ? $"it has no {FileName} file (the shared folder is not mounted there, or this is another path)" : $"its {FileName} holds {onDisk}, the store expects {stored}")
        + ". Mount the portal's data folder (NFS or similar) at the same path on every host and point Storage:DataFolder at it.";

    private static string FileOf(StorageOptions storage) => Path.Combine(storage.DataFolderFullPath, FileName);

    private static async Task<string?> StoredAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.StoreSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    private static string? Read(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() is { Length: > 0 } id ? id : null : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Write(string file, string id)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        AtomicFile.WriteAllText(file, id + "\n");
    }
}

/// <summary>A worker's data folder is not the store's (see <see cref="DataFolderIdentity"/>); the message says which path it saw.</summary>
public sealed class DataFolderMismatchException(string message) : Exception(message);
