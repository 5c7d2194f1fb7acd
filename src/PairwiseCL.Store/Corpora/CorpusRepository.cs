using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Workspaces;

namespace PairwiseCL.Store.Corpora;

/// <summary>
/// Stores imported corpora and reads them back as Core <see cref="Corpus"/> records. The CLI's import
/// and the portal use the same repository over the same SQLite file. Each call uses its own short-lived
/// context, so the repository is safe to share between Blazor circuits.
/// </summary>
public sealed class CorpusRepository(
    IDbContextFactory<PortalDbContext> contextFactory,
    WorkspaceRepository workspaces,
    ILogger<CorpusRepository> logger)
{
    /// <summary>
    /// Saves a corpus with all its utterances and label sets in one transaction (all or nothing) into
    /// a workspace (the default one when none is given). Returns the new corpus id.
    /// </summary>
    /// <exception cref="CorpusStoreException">The name is taken or the corpus repeats an utterance id.</exception>
    public async Task<int> SaveAsync(Corpus corpus, int? workspaceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (string.IsNullOrWhiteSpace(corpus.Name))
            throw new CorpusStoreException("A corpus needs a name.");
        var duplicate = corpus.Utterances.GroupBy(u => u.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CorpusStoreException($"Corpus '{corpus.Name}' lists utterance '{duplicate.Key}' {duplicate.Count()} times; ids must be unique.");

        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Corpora.AnyAsync(c => c.WorkspaceId == targetWorkspace && c.Name == corpus.Name, cancellationToken))
            throw new CorpusStoreException($"A corpus named '{corpus.Name}' already exists; delete it first or import under another name.");

        var entity = new CorpusEntity
        {
            WorkspaceId = targetWorkspace,
            Name = corpus.Name,
            AudioRoot = corpus.AudioRoot,
            Utterances = corpus.Utterances.Select(CorpusMapper.ToEntity).ToList(),
            LabelSets = corpus.LabelSets.Select(CorpusMapper.ToEntity).ToList(),
        };
        db.Corpora.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Stored corpus {Name} ({Count} utterances) as #{Id}", corpus.Name, corpus.Utterances.Count, entity.Id);
        return entity.Id;
    }

    /// <summary>Every corpus of a workspace (the default one when none is given) with its counts, by name.</summary>
    public Task<IReadOnlyList<CorpusSummary>> ListAsync(int? workspaceId = null, CancellationToken cancellationToken = default) =>
        SummariesAsync(workspaceId, null, cancellationToken);

    /// <summary>The summary of one corpus, or null when there is none with that id in the workspace.</summary>
    public async Task<CorpusSummary?> FindSummaryAsync(int corpusId, int? workspaceId = null, CancellationToken cancellationToken = default) =>
        (await SummariesAsync(workspaceId, corpusId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<CorpusSummary>> SummariesAsync(int? workspaceId, int? corpusId, CancellationToken cancellationToken)
    {
        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var corpora = await db.Corpora.AsNoTracking()
            .Where(c => c.WorkspaceId == targetWorkspace && (corpusId == null || c.Id == corpusId))
            .Select(c => new { c.Id, c.Name, c.AudioRoot, c.ImportedAtUtc })
            .ToListAsync(cancellationToken);
        var ids = corpora.Select(c => c.Id).ToList();
        // One grouped query counts every corpus; distinct counts run in SQLite, not in memory.
        var counts = await db.Utterances.AsNoTracking()
            .Where(u => ids.Contains(u.CorpusId))
            .GroupBy(u => u.CorpusId)
            .Select(g => new
            {
                CorpusId = g.Key,
                Utterances = g.Count(),
                Speakers = g.Select(u => u.Speaker).Distinct().Count(),
                Sessions = g.Select(u => u.Session).Distinct().Count(),
                Duration = g.Sum(u => u.DurationSeconds),
            })
            .ToDictionaryAsync(x => x.CorpusId, cancellationToken);
        var labels = await LabelCountsAsync(db, ids, cancellationToken);
        return corpora
            .Select(c => counts.TryGetValue(c.Id, out var n)
                ? new CorpusSummary(c.Id, c.Name, c.AudioRoot, n.Utterances, n.Speakers, n.Sessions, labels.GetValueOrDefault(c.Id), n.Duration, c.ImportedAtUtc)
                : new CorpusSummary(c.Id, c.Name, c.AudioRoot, 0, 0, 0, 0, 0, c.ImportedAtUtc))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Labels per corpus as every page shows them: the classes of its first label set that its clips carry,
    /// after merges (a class merged into another no longer counts); distinct recorded labels without a set.
    /// </summary>
    private static async Task<Dictionary<int, int>> LabelCountsAsync(PortalDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        var recorded = await db.Utterances.AsNoTracking()
            .Where(u => ids.Contains(u.CorpusId) && u.Label != null)
            .Select(u => new { u.CorpusId, u.Label }).Distinct()
            .ToListAsync(cancellationToken);
        var firstSets = (await db.LabelSets.AsNoTracking().Where(l => ids.Contains(l.CorpusId)).ToListAsync(cancellationToken))
            .GroupBy(l => l.CorpusId)
            .ToDictionary(g => g.Key, g => CorpusMapper.ToCore(g.OrderBy(l => l.Ordinal).First()));
        return recorded.GroupBy(r => r.CorpusId).ToDictionary(
            g => g.Key,
            g => firstSets.TryGetValue(g.Key, out var set)
                ? g.Select(r => set.Map(r.Label)).OfType<string>().Distinct().Count()
                : g.Count());
    }

    /// <summary>Loads a stored corpus back in its imported order, or null when there is none with that id in the workspace.</summary>
    public async Task<Corpus?> LoadAsync(int corpusId, int? workspaceId = null, CancellationToken cancellationToken = default)
    {
        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var corpus = await db.Corpora.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == corpusId && c.WorkspaceId == targetWorkspace, cancellationToken);
        if (corpus is null) return null;
        var utterances = await db.Utterances.AsNoTracking()
            .Where(u => u.CorpusId == corpusId).OrderBy(u => u.Ordinal)
            .ToListAsync(cancellationToken);
        var labelSets = await db.LabelSets.AsNoTracking()
            .Where(l => l.CorpusId == corpusId).OrderBy(l => l.Ordinal)
            .ToListAsync(cancellationToken);
        return new Corpus(
            corpus.Name,
            corpus.AudioRoot,
            utterances.Select(CorpusMapper.ToCore).ToList(),
            labelSets.Select(CorpusMapper.ToCore).ToList());
    }

    /// <summary>A corpus's name and utterance ids in corpus order (what identifies it to an encoder set); null when it is not in the workspace.</summary>
    public async Task<(string Name, IReadOnlyList<string> UtteranceIds)?> LoadUtteranceIdsAsync(int corpusId, int workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Corpora.AsNoTracking().Where(c => c.Id == corpusId && c.WorkspaceId == workspaceId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null) return null;
        var ids = await db.Utterances.AsNoTracking().Where(u => u.CorpusId == corpusId).OrderBy(u => u.Ordinal).Select(u => u.Key).ToListAsync(cancellationToken);
        return (name, ids);
    }

    /// <summary>The model predictions members accepted as labels, by utterance id; kept apart from the corpus's labels, which <see cref="LoadAsync"/> gives.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LoadAcceptedPredictionsAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Utterances.AsNoTracking()
            .Where(u => u.CorpusId == corpusId && u.ModelLabel != null)
            .ToDictionaryAsync(u => u.Key, u => u.ModelLabel!, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Finds a corpus id by name in a workspace (the default one when none is given).</summary>
    public async Task<int?> FindIdByNameAsync(string name, int? workspaceId = null, CancellationToken cancellationToken = default)
    {
        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Corpora.AsNoTracking()
            .Where(c => c.WorkspaceId == targetWorkspace && c.Name == name)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The absolute audio path of one utterance, or null when the corpus or utterance is not there.</summary>
    public async Task<string?> FindAudioPathAsync(int corpusId, string utteranceId, int? workspaceId = null, CancellationToken cancellationToken = default)
    {
        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Utterances.AsNoTracking()
            .Where(u => u.CorpusId == corpusId && u.Key == utteranceId && u.Corpus!.WorkspaceId == targetWorkspace)
            .Select(u => new { u.AudioPath, u.Corpus!.AudioRoot })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Path.GetFullPath(Path.IsPathRooted(row.AudioPath) ? row.AudioPath : Path.Combine(row.AudioRoot, row.AudioPath));
    }

    /// <summary>The experiments that fine-tune or pre-train on a corpus of the workspace, by name: what blocks its deletion.</summary>
    public async Task<IReadOnlyList<DependentExperiment>> ListDependentExperimentsAsync(int corpusId, int? workspaceId = null, CancellationToken cancellationToken = default)
    {
        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Corpora.AnyAsync(c => c.Id == corpusId && c.WorkspaceId == targetWorkspace, cancellationToken)) return [];
        return await DependentsQuery(db, corpusId).ToListAsync(cancellationToken);
    }

    // Experiments refer to corpora of their own workspace, so the corpus's workspace check covers them.
    private static IQueryable<DependentExperiment> DependentsQuery(PortalDbContext db, int corpusId) =>
        db.Experiments.AsNoTracking()
            .Where(e => e.FinetuneCorpusId == corpusId || e.PretrainCorpusId == corpusId)
            .OrderBy(e => e.Name).Select(e => new DependentExperiment(e.Id, e.Name));

    /// <summary>
    /// Deletes a corpus with its utterances, label sets and label history, unless an experiment uses it:
    /// results must stay traceable to their data, so that is refused with the experiments' names.
    /// </summary>
    public async Task<CorpusDeletion> DeleteAsync(int corpusId, int? workspaceId = null, CancellationToken cancellationToken = default)
    {
        var targetWorkspace = workspaceId ?? await workspaces.GetDefaultIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var corpus = await db.Corpora.FirstOrDefaultAsync(c => c.Id == corpusId && c.WorkspaceId == targetWorkspace, cancellationToken);
        if (corpus is null)
            return new CorpusDeletion(false, $"There is no corpus #{corpusId} in this workspace.");
        var users = await DependentsQuery(db, corpusId).ToListAsync(cancellationToken);
        if (users.Count > 0)
            return new CorpusDeletion(false,
                $"Corpus '{corpus.Name}' is used by {users.Count} experiment(s) ({string.Join(", ", users.Select(u => $"'{u.Name}'"))}); " +
                "delete those experiments first so their results stay traceable to their data.");
        db.Corpora.Remove(corpus);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Deleted corpus {Name} (#{Id})", corpus.Name, corpusId);
        return new CorpusDeletion(true, $"Corpus '{corpus.Name}' was deleted.");
    }
}
