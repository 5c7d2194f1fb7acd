using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// Edits a corpus's label sets without losing history: adding a class (creating the set when the
/// corpus has none), renaming one (the clips that carry it are relabelled, each with a recorded
/// <see cref="LabelEvent"/>), and merging one class into another (a merge rule, as IEMOCAP-4 merges
/// "exc" into "hap": the clips keep their raw labels). Editors and owners only.
/// </summary>
public sealed class LabelSetService(
    IDbContextFactory<PortalDbContext> contextFactory,
    CurrentWorkspace workspace,
    UserAccess access,
    ILogger<LabelSetService> logger)
{
    public async Task<LabelOutcome> AddClassAsync(int corpusId, string labelSetName, string className, CancellationToken cancellationToken = default)
    {
        if ((Problem(labelSetName, "label set") ?? Problem(className, "class")) is { } problem) return LabelOutcome.Refused(problem);
        return await EditAsync(corpusId, async (db, sets) =>
        {
            var set = sets.FirstOrDefault(s => s.Name == labelSetName.Trim());
            if (set is null)
            {
                set = new LabelSetEntity { CorpusId = corpusId, Name = labelSetName.Trim(), Ordinal = sets.Count, ClassesJson = "[]" };
                db.LabelSets.Add(set);
            }
            var classes = LabelSets.Classes(set);
            if (classes.Contains(className.Trim())) return LabelOutcome.Refused($"'{set.Name}' already has the class '{className.Trim()}'.");
            LabelSets.Write(set, [.. classes, className.Trim()], LabelSets.Merges(set));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Added class {Class} to label set {Set} of corpus #{Corpus}", className.Trim(), set.Name, corpusId);
            return new LabelOutcome(true, $"Added '{className.Trim()}' to '{set.Name}'.");
        }, cancellationToken);
    }

    public async Task<LabelOutcome> RenameClassAsync(int corpusId, string labelSetName, string oldName, string newName, CancellationToken cancellationToken = default)
    {
        if (Problem(newName, "new class name") is { } problem) return LabelOutcome.Refused(problem);
        newName = newName.Trim();
        var userId = await access.GetUserIdAsync();
        return await EditAsync(corpusId, async (db, sets) =>
        {
            var set = sets.FirstOrDefault(s => s.Name == labelSetName);
            if (set is null || !LabelSets.Classes(set).Contains(oldName))
                return LabelOutcome.Refused($"'{labelSetName}' has no class '{oldName}'.");
            if (LabelSets.Classes(set).Contains(newName))
                return LabelOutcome.Refused($"'{labelSetName}' already has a class '{newName}'; merge the two instead.");
            // Clip labels are shared by every set of the corpus, so the class is renamed in each set that has it.
            foreach (var other in sets)
            {
                var classes = LabelSets.Classes(other).Select(c => c == oldName ? newName : c).ToList();
                var merges = LabelSets.Merges(other).ToDictionary(m => m.Key, m => m.Value == oldName ? newName : m.Value);
                LabelSets.Write(other, classes, merges);
            }
            var clips = await db.Utterances.Where(u => u.CorpusId == corpusId && u.Label == oldName).ToListAsync(cancellationToken);
            db.LabelEvents.AddRange(clips.Select(u => LabelEvents.Record(u, newName, userId, new LabelProvenance("rename"))));
            // Accepted predictions follow the rename too, in their own history.
            var predicted = await db.Utterances.Where(u => u.CorpusId == corpusId && u.ModelLabel == oldName).ToListAsync(cancellationToken);
            db.LabelEvents.AddRange(predicted.Select(u => LabelEvents.Record(u, newName, userId, new LabelProvenance("rename", Source: LabelSource.Model))));
            await db.SaveChangesAsync(cancellationToken);
            return new LabelOutcome(true, $"Renamed '{oldName}' to '{newName}'; {clips.Count} clip(s) relabelled, their history kept.");
        }, cancellationToken);
    }

    public async Task<LabelOutcome> MergeClassAsync(int corpusId, string labelSetName, string source, string target, CancellationToken cancellationToken = default)
    {
        if (source == target) return LabelOutcome.Refused("Choose two different classes to merge.");
        return await EditAsync(corpusId, async (db, sets) =>
        {
            var set = sets.FirstOrDefault(s => s.Name == labelSetName);
            var classes = set is null ? [] : LabelSets.Classes(set);
            if (set is null || !classes.Contains(source) || !classes.Contains(target))
                return LabelOutcome.Refused($"'{labelSetName}' needs both '{source}' and '{target}' as classes to merge them.");
            var merges = LabelSets.Merges(set).ToDictionary(m => m.Key, m => m.Value == source ? target : m.Value);
            merges[source] = target;
            LabelSets.Write(set, classes.Where(c => c != source).ToList(), merges);
            await db.SaveChangesAsync(cancellationToken);
            return new LabelOutcome(true, $"'{source}' now counts as '{target}' in '{labelSetName}'; clips keep their recorded labels.");
        }, cancellationToken);
    }

    private async Task<LabelOutcome> EditAsync(int corpusId, Func<PortalDbContext, List<LabelSetEntity>, Task<LabelOutcome>> edit, CancellationToken cancellationToken)
    {
        if (!await access.IsAllowedAsync(PortalPolicies.Editor)) return LabelOutcome.Refused("Only editors and owners can edit label sets.");
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Corpora.AnyAsync(c => c.Id == corpusId && c.WorkspaceId == workspaceId, cancellationToken))
            return LabelOutcome.Refused($"There is no corpus #{corpusId} in this workspace.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await edit(db, await LabelSets.LoadAsync(db, corpusId, cancellationToken));
        if (outcome.Done) await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private static string? Problem(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? $"Give the {what} a name."
        : value.Trim().Length > 100 ? $"A {what} name may have at most 100 characters."
        : null;
}
