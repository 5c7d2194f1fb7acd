using PairwiseCL.Store.Corpora;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Corpora;

/// <summary>
/// The corpus operations the pages offer, scoped to the current workspace and checked against the
/// user's role here on the server.
/// </summary>
public sealed class CorpusService(CorpusRepository corpora, CurrentWorkspace workspace, UserAccess access)
{
    public async Task<IReadOnlyList<CorpusSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await corpora.ListAsync(await workspace.GetIdAsync(cancellationToken), cancellationToken);

    /// <summary>The corpus with its utterances, or null when it is not in this workspace.</summary>
    public async Task<CorpusDetail?> GetAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        var summary = await corpora.FindSummaryAsync(corpusId, workspaceId, cancellationToken);
        if (summary is null) return null;
        var corpus = await corpora.LoadAsync(corpusId, workspaceId, cancellationToken);
        return corpus is null ? null : new CorpusDetail(summary, corpus, await corpora.LoadAcceptedPredictionsAsync(corpusId, cancellationToken));
    }

    /// <summary>The model predictions accepted as labels in a corpus of this workspace, by utterance id; null when it is not here.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> AcceptedPredictionsAsync(int corpusId, CancellationToken cancellationToken = default) =>
        await corpora.FindSummaryAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null
            ? null
            : await corpora.LoadAcceptedPredictionsAsync(corpusId, cancellationToken);

    public Task<bool> CanEditAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>The experiments that keep the corpus from being deleted, shown before anyone confirms a deletion.</summary>
    public async Task<IReadOnlyList<DependentExperiment>> ListDependentExperimentsAsync(int corpusId, CancellationToken cancellationToken = default) =>
        await corpora.ListDependentExperimentsAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken);

    /// <summary>Deletes a corpus if the user is an editor and no experiment uses it; otherwise says why not.</summary>
    public async Task<CorpusDeletion> DeleteAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync())
            return new CorpusDeletion(false, "Only editors and owners can delete corpora.");
        return await corpora.DeleteAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken);
    }
}
