using PairwiseCL.Store.Jobs;

namespace PairwiseCL.Store.Corpora;

/// <summary>
/// Checks that every utterance of a corpus still has a non-empty audio file, so a moved or deleted
/// folder is found before training rather than in the middle of it. Fails, naming files, when any is missing.
/// </summary>
public sealed class AudioFileCheckJob(CorpusRepository corpora) : IJobHandler
{
    public const string JobKind = "check-audio-files";

    private const int MaxListedFiles = 50;

    public string Kind => JobKind;

    public static JobRequest Request(int corpusId, int workspaceId, string? userId) =>
        new(JobKind, System.Text.Json.JsonSerializer.Serialize(new Payload(corpusId, workspaceId)), JobRequest.CpuDevice, workspaceId, userId);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.ReadPayload<Payload>();
        var corpus = await corpora.LoadAsync(payload.CorpusId, payload.WorkspaceId, cancellationToken)
            ?? throw new InvalidOperationException($"Corpus #{payload.CorpusId} no longer exists.");
        var missing = new List<string>();
        var total = corpus.Utterances.Count;
        for (var i = 0; i < total; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = corpus.ResolveAudioPath(corpus.Utterances[i]);
            var file = new FileInfo(path);
            if (!file.Exists || file.Length == 0)
            {
                missing.Add(path);
                if (missing.Count <= MaxListedFiles)
                    await context.LogAsync($"missing or empty: {path}", cancellationToken);
            }
            if ((i + 1) % 100 == 0 || i + 1 == total)
                await context.ReportProgressAsync(new Progress(i + 1, total, missing.Count), cancellationToken);
        }
        if (total == 0)
            await context.ReportProgressAsync(new Progress(0, 0, 0), cancellationToken);
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{missing.Count} of {total} audio files of '{corpus.Name}' are missing or empty (first: {missing[0]}).");
        await context.LogAsync($"all {total} audio files of '{corpus.Name}' are present", cancellationToken);
    }

    /// <summary>The job's input.</summary>
    public sealed record Payload(int CorpusId, int WorkspaceId);

    /// <summary>The job's progress as stored in the job record.</summary>
    public sealed record Progress(int Checked, int Total, int Missing);
}
