using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Experiments;

/// <summary>Experiments in the store: creation, listing, and the job that runs each one.</summary>
public sealed class ExperimentRepository(IDbContextFactory<PortalDbContext> contextFactory)
{
    public Task<int> CreateAsync(int workspaceId, string name, int corpusId, int? pretrainCorpusId, string configurationJson, string? userId, CancellationToken cancellationToken) =>
        AddAsync(new ExperimentEntity
        {
            WorkspaceId = workspaceId,
            Name = name,
            FinetuneCorpusId = corpusId,
            PretrainCorpusId = pretrainCorpusId ?? corpusId,
            ConfigurationJson = configurationJson,
            ConfigurationHash = ExperimentLaunch.HashOf(configurationJson),
            CreatedByUserId = userId,
        }, cancellationToken);

    /// <summary>
    /// Records an experiment imported from another portal: no corpus, no job, results read-only (the
    /// importer then records its report files with <see cref="ReplaceResultsAsync"/>).
    /// </summary>
    public Task<int> CreateImportedAsync(int workspaceId, string name, string corpusName, string configurationJson, string? userId, CancellationToken cancellationToken) =>
        AddAsync(new ExperimentEntity
        {
            WorkspaceId = workspaceId,
            Name = name,
            ImportedCorpusName = corpusName,
            ConfigurationJson = configurationJson,
            ConfigurationHash = ExperimentLaunch.HashOf(configurationJson),
            CreatedByUserId = userId,
        }, cancellationToken);

    /// <summary>
    /// An experiment imported into the workspace whose stored results file has this SHA-256: the same archive
    /// imported before. Null when there is none.
    /// </summary>
    public async Task<(int Id, string Name)?> FindImportedByContentAsync(int workspaceId, string contentFileSuffix, string sha256, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var match = await db.Artifacts.AsNoTracking()
            .Where(a => a.ContentHash == sha256 && a.Path.EndsWith(contentFileSuffix)
                        && a.Experiment!.WorkspaceId == workspaceId && a.Experiment.FinetuneCorpusId == null)
            .OrderBy(a => a.ExperimentId)
            .Select(a => new { a.ExperimentId, a.Experiment!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        return match is { ExperimentId: { } id } ? (id, match.Name) : null;
    }

    private async Task<int> AddAsync(ExperimentEntity entity, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Experiments.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity.Id;
    }

    public async Task DeleteAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Artifacts.Where(a => a.ExperimentId == experimentId).ExecuteDeleteAsync(cancellationToken);
        await db.Runs.Where(r => r.ExperimentId == experimentId).ExecuteDeleteAsync(cancellationToken);
        await db.Experiments.Where(e => e.Id == experimentId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<ExperimentEntity?> FindAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == experimentId, cancellationToken);
    }

    public async Task<IReadOnlyList<ExperimentSummary>> ListAsync(int workspaceId, int? experimentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiments = await db.Experiments.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && (experimentId == null || e.Id == experimentId))
            .OrderByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Name, e.FinetuneCorpusId, Corpus = e.FinetuneCorpus != null ? e.FinetuneCorpus.Name : e.ImportedCorpusName, e.ConfigurationHash, e.CreatedAtUtc,
                Runs = e.Runs.Count, Imported = e.FinetuneCorpusId == null, e.ConfigurationJson,
            })
            .ToListAsync(cancellationToken);
        var payloads = experiments.Select(e => ExperimentJobHandler.PayloadJson(e.Id)).ToList();
        var jobs = await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == ExperimentJobHandler.JobKind && payloads.Contains(j.PayloadJson))
            .Select(j => new { j.Id, j.PayloadJson, j.State, j.ProgressJson, j.Error })
            .ToListAsync(cancellationToken);
        var latest = jobs.GroupBy(j => j.PayloadJson).ToDictionary(g => g.Key, g => g.MaxBy(j => j.Id)!);
        return experiments.Select(e =>
        {
            var job = latest.GetValueOrDefault(ExperimentJobHandler.PayloadJson(e.Id));
            return new ExperimentSummary(e.Id, e.Name, e.FinetuneCorpusId, e.Corpus ?? "", e.ConfigurationHash, e.CreatedAtUtc,
                job?.Id, job?.State, job?.ProgressJson, job?.Error, e.Runs, e.Imported, ExperimentKinds.Of(e.ConfigurationJson));
        }).ToList();
    }

    /// <summary>The newest job of a kind for an experiment (its payload names the experiment), or null.</summary>
    public async Task<ExperimentJob?> FindLatestJobAsync(string kind, int experimentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var payload = ExperimentJobHandler.PayloadJson(experimentId);
        return await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == kind && j.PayloadJson == payload)
            .OrderByDescending(j => j.Id)
            .Select(j => new ExperimentJob(j.Id, j.State, j.ProgressJson, j.Error))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The experiment's artifacts (paths relative to the data folder) by path.</summary>
    public async Task<IReadOnlyList<ArtifactEntity>> ListArtifactsAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Artifacts.AsNoTracking().Where(a => a.ExperimentId == experimentId).OrderBy(a => a.Path).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the experiment's runs (with their metrics) and artifacts in one transaction, so a retried
    /// job leaves exactly one copy of its results.
    /// </summary>
    public async Task ReplaceResultsAsync(int experimentId, IReadOnlyList<RunEntity> runs, IReadOnlyList<ArtifactEntity> artifacts, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Artifacts.Where(a => a.ExperimentId == experimentId).ExecuteDeleteAsync(cancellationToken);
        await db.Runs.Where(r => r.ExperimentId == experimentId).ExecuteDeleteAsync(cancellationToken);
        db.Runs.AddRange(runs);
        db.Artifacts.AddRange(artifacts);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
