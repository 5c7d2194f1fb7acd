using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Core.Reports;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// A corpus's labels and their whole history as CSV, for members of its workspace: people's labels and accepted model
/// predictions in separate columns (never merged), and every label event with the order that showed the clip, its
/// queue position and encoder set, so a lab can analyse its own annotation. Cells go through the reports' CSV
/// escaping, so a clip id or class name like "=cmd()" stays text in a spreadsheet.
/// </summary>
public sealed class LabelExport(IDbContextFactory<PortalDbContext> contextFactory, CurrentWorkspace workspace)
{
    /// <summary>clip, speaker, session, label (a person's or the corpus's own), accepted_prediction (a model's); null when the corpus is not here.</summary>
    public async Task<string?> LabelsCsvAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await InWorkspaceAsync(db, corpusId, cancellationToken)) return null;
        var rows = await db.Utterances.AsNoTracking().Where(u => u.CorpusId == corpusId).OrderBy(u => u.Ordinal)
            .Select(u => new[] { u.Key, u.Speaker, u.Session, u.Label ?? "", u.ModelLabel ?? "" }).ToListAsync(cancellationToken);
        return new ReportTable("labels", "labels", ["clip", "speaker", "session", "label", "accepted_prediction"], [.. rows]).ToCsv();
    }

    /// <summary>Every label event, oldest first; null when the corpus is not here.</summary>
    public async Task<string?> HistoryCsvAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await InWorkspaceAsync(db, corpusId, cancellationToken)) return null;
        var events = await db.LabelEvents.AsNoTracking().Where(e => e.Utterance!.CorpusId == corpusId).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new { e.AtUtc, e.Utterance!.Key, e.PreviousLabel, e.Label, e.Source, e.Strategy, e.QueuePosition, e.EncoderSet, Annotator = e.User == null ? null : e.User.Email })
            .ToListAsync(cancellationToken);
        var rows = events.Select(e => (IReadOnlyList<string>)[
            e.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Key, e.PreviousLabel ?? "", e.Label ?? "",
            e.Source == LabelSource.Model ? "model" : "person", e.Strategy ?? "", e.QueuePosition?.ToString(CultureInfo.InvariantCulture) ?? "", e.EncoderSet ?? "",
            e.Annotator ?? ""]).ToList();
        return new ReportTable("label-events", "label events",
            ["at_utc", "clip", "previous_label", "label", "source", "strategy", "queue_position", "encoder_set", "annotator"], rows).ToCsv();
    }

    private async Task<bool> InWorkspaceAsync(PortalDbContext db, int corpusId, CancellationToken cancellationToken)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        return await db.Corpora.AnyAsync(c => c.Id == corpusId && c.WorkspaceId == workspaceId, cancellationToken);
    }
}
