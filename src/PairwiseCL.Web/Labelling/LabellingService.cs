using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// Labelling clips in the browser. Every change sets the utterance's current label and records a
/// <see cref="LabelEvent"/> with the annotator and time, in one transaction; undo is a new event that
/// restores the previous label, so history is never rewritten. Viewers may read; only editors and
/// owners may change labels (checked here, not just in the page).
/// </summary>
public sealed class LabellingService(
    IDbContextFactory<PortalDbContext> contextFactory,
    CurrentWorkspace workspace,
    UserAccess access,
    ILogger<LabellingService> logger)
{
    internal const string EditorsOnly = "Only editors and owners can change labels; viewers can listen and look.";

    public Task<bool> CanLabelAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>The queue of a corpus under the named label set (the first one when null), or null when the corpus is not in this workspace.</summary>
    public async Task<LabellingQueue?> GetQueueAsync(int corpusId, string? labelSetName = null, CancellationToken cancellationToken = default)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var corpus = await db.Corpora.AsNoTracking()
            .Where(c => c.Id == corpusId && c.WorkspaceId == workspaceId)
            .Select(c => new { c.Id, c.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (corpus is null) return null;
        var sets = await LabelSets.LoadAsync(db, corpusId, cancellationToken);
        var chosen = sets.FirstOrDefault(s => s.Name == labelSetName) ?? sets.FirstOrDefault();
        var items = await db.Utterances.AsNoTracking()
            .Where(u => u.CorpusId == corpusId).OrderBy(u => u.Ordinal)
            .Select(u => new QueueItem(u.Key, u.Speaker, u.Session, u.DurationSeconds, u.Label))
            .ToListAsync(cancellationToken);
        return new LabellingQueue(corpus.Id, corpus.Name, sets.Select(s => s.Name).ToList(), chosen is null ? null : LabelSets.ToCore(chosen), items);
    }

    /// <summary>Sets a clip's label to one of the label set's classes and records who did it, and why then (<paramref name="provenance"/>).</summary>
    public async Task<LabelOutcome> LabelAsync(int corpusId, string utteranceKey, string labelSetName, string label, CancellationToken cancellationToken = default,
        LabelProvenance? provenance = null)
    {
        if (!await CanLabelAsync()) return LabelOutcome.Refused(EditorsOnly);
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var set = (await LabelSets.LoadAsync(db, corpusId, cancellationToken)).FirstOrDefault(s => s.Name == labelSetName);
        if (set is null || !LabelSets.ToCore(set).Classes.Contains(label))
            return LabelOutcome.Refused($"'{label}' is not a class of label set '{labelSetName}'.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var utterance = await FindUtteranceAsync(db, corpusId, workspaceId, utteranceKey, cancellationToken);
        if (utterance is null) return LabelOutcome.Refused($"Clip '{utteranceKey}' is not in this corpus.");
        var source = provenance?.Source ?? LabelSource.Human;
        if (LabelEvents.Current(utterance, source) == label) return new LabelOutcome(true, $"'{utteranceKey}' is already labelled {label}.", Label: label);
        if (source == LabelSource.Model && utterance.Label is { } human)
            return LabelOutcome.Refused($"'{utteranceKey}' already has a person's label ({human}); a prediction never replaces it.");
        var labelEvent = await SetLabelAsync(db, utterance, label, provenance, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Labelled {Key} of corpus #{Corpus} as {Label}", utteranceKey, corpusId, label);
        return new LabelOutcome(true, $"'{utteranceKey}' labelled {label}.", labelEvent.Id, label);
    }

    /// <summary>
    /// Undoes one of the user's own label events by restoring the label it replaced (a new event, so
    /// both stay in the history); refused when the clip has been relabelled since.
    /// </summary>
    public async Task<LabelOutcome> UndoAsync(int corpusId, long eventId, CancellationToken cancellationToken = default)
    {
        if (!await CanLabelAsync()) return LabelOutcome.Refused(EditorsOnly);
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        var userId = await access.GetUserIdAsync();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var undone = await db.LabelEvents.AsNoTracking()
            .Where(e => e.Id == eventId && e.Utterance!.CorpusId == corpusId && e.Utterance.Corpus!.WorkspaceId == workspaceId)
            .FirstOrDefaultAsync(cancellationToken);
        if (undone is null) return LabelOutcome.Refused("There is nothing to undo.");
        if (undone.UserId != userId) return LabelOutcome.Refused("You can only undo your own labels.");
        var utterance = await db.Utterances.SingleAsync(u => u.Id == undone.UtteranceId, cancellationToken);
        if (LabelEvents.Current(utterance, undone.Source) is var current && current != undone.Label)
            return LabelOutcome.Refused($"'{utterance.Key}' was relabelled since ({current ?? "no label"}); undo that first.");
        var labelEvent = await SetLabelAsync(db, utterance, undone.PreviousLabel, LabelProvenance.Undo with { Source = undone.Source }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LabelOutcome(true, $"Undone: '{utterance.Key}' is {undone.PreviousLabel ?? "unlabelled"} again.", labelEvent.Id, undone.PreviousLabel);
    }

    /// <summary>Every recorded decision on one clip, newest first.</summary>
    public async Task<IReadOnlyList<LabelHistoryEntry>> HistoryAsync(int corpusId, string utteranceKey, CancellationToken cancellationToken = default)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.LabelEvents.AsNoTracking()
            .Where(e => e.Utterance!.CorpusId == corpusId && e.Utterance.Key == utteranceKey && e.Utterance.Corpus!.WorkspaceId == workspaceId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Select(e => new LabelHistoryEntry(e.Id, e.AtUtc, e.User == null ? "(removed account)" : e.User.Email ?? e.User.UserName ?? e.UserId!, e.PreviousLabel, e.Label))
            .ToListAsync(cancellationToken);
    }

    private async Task<LabelEvent> SetLabelAsync(PortalDbContext db, UtteranceEntity utterance, string? label, LabelProvenance? provenance, CancellationToken cancellationToken)
    {
        var labelEvent = LabelEvents.Record(utterance, label, await access.GetUserIdAsync(), provenance);
        db.LabelEvents.Add(labelEvent);
        await db.SaveChangesAsync(cancellationToken);
        return labelEvent;
    }

    private static Task<UtteranceEntity?> FindUtteranceAsync(PortalDbContext db, int corpusId, int workspaceId, string key, CancellationToken cancellationToken) =>
        db.Utterances.FirstOrDefaultAsync(u => u.CorpusId == corpusId && u.Key == key && u.Corpus!.WorkspaceId == workspaceId, cancellationToken);
}
