using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Datasets;

namespace PairwiseCL.Web.Jobs;

/// <summary>The job operations the pages offer; starting, cancelling and retrying need the editor role.</summary>
public sealed class JobService(IJobDispatcher dispatcher, JobStore jobs, CurrentWorkspace workspace, UserAccess access, DatasetFolders folders)
{
    public async Task<IReadOnlyList<JobSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await jobs.ListAsync(await workspace.GetIdAsync(cancellationToken), cancellationToken: cancellationToken);

    public async Task<string?> GetLogAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var job = await jobs.FindAsync(jobId, cancellationToken);
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        return job is not null && (job.WorkspaceId is null || job.WorkspaceId == workspaceId) ? job.Log : null;
    }

    public Task<bool> CanEditAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>Queues an audio-file check of a corpus; returns a message for the user.</summary>
    public async Task<(bool Queued, string Message)> CheckAudioFilesAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync())
            return (false, "Only editors and owners can start jobs.");
        var request = AudioFileCheckJob.Request(corpusId, await workspace.GetIdAsync(cancellationToken), await access.GetUserIdAsync());
        var id = await dispatcher.EnqueueAsync(request, cancellationToken);
        return (true, $"Audio check queued as job #{id}; follow it on the Jobs page.");
    }

    public async Task<(bool Done, string Message)> CancelAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync() || !await BelongsToWorkspaceAsync(jobId, cancellationToken))
            return (false, "Only editors and owners can cancel jobs of this workspace.");
        if (!await dispatcher.CancelAsync(jobId, cancellationToken))
            return (false, $"Job #{jobId} has already finished.");
        folders.RemoveUploadOfCancelledImport(await jobs.FindAsync(jobId, cancellationToken));
        return (true, $"Job #{jobId} is being cancelled.");
    }

    public async Task<(bool Done, string Message)> RetryAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync() || !await BelongsToWorkspaceAsync(jobId, cancellationToken))
            return (false, "Only editors and owners can retry jobs of this workspace.");
        return await dispatcher.RetryAsync(jobId, cancellationToken)
            ? (true, $"Job #{jobId} is queued again.")
            : (false, $"Only failed or cancelled jobs can be retried.");
    }

    private async Task<bool> BelongsToWorkspaceAsync(long jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(jobId, cancellationToken);
        return job is not null && (job.WorkspaceId is null || job.WorkspaceId == await workspace.GetIdAsync(cancellationToken));
    }
}
