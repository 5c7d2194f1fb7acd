using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Core.Models;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.LabelledModels;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.LabelledModels;

/// <summary>
/// "Train a model" on a corpus: a job trains on every labelled clip after an honest held-out estimate and the
/// corpus lists the model with it; viewers and impossible requests are refused with the reason.
/// </summary>
public sealed class LabelledModelJobTests : IDisposable
{
    private readonly PortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task ATrainingJob_SavesAModelWithItsEstimate_ListedOnTheCorpus()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.8));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        await using var editor = await SignedInScope.MemberAsync(portal, "editor@lab.test", WorkspaceRole.Editor);
        var service = editor.Get<LabelledModelService>();

        var (jobId, problems) = await service.TrainAsync(corpusId, corpus.LabelSets[0].Name, "egemaps", MethodNames.Supervised, null, epochs: 5);
        Assert.Empty(problems);
        var job = await JobWaiting.UntilFinishedAsync(portal, jobId!.Value);

        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}\n{job.Log}");
        var model = Assert.Single((await service.ListAsync(corpusId))!).Record;
        Assert.Equal(corpus.Utterances.Count, model.Clips);
        Assert.Equal(LabelledClipFolds.LeaveOneSpeakerOut, model.Estimate.Scheme);
        Assert.Equal(3, model.Estimate.FoldUars.Count);
        Assert.InRange(model.Estimate.Uar.Mean, 0, 1);
        Assert.Equal(model.Clips, model.Estimate.ConfusionMatrix.Sum(r => r.Sum()));
        var folder = Path.Combine(LabelledModelJobHandler.CorpusFolder(Path.Combine(portal.Folder, "data"), corpusId), $"job-{jobId}");
        Assert.True(ModelFiles.Exists(folder));
        Assert.Equal(corpus.LabelSets[0].Classes, ModelFiles.ReadConfiguration(folder).ClassNames);
        Assert.Contains("UAR on unseen clips", job.Log);

        // The predict API answers with the model, as for an experiment's models.
        var admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var clip = await File.ReadAllBytesAsync(corpus.ResolveAudioPath(corpus.Utterances[0]));
        var response = await admin.PostAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.PredictUrl(corpusId, jobId.Value)}",
            new MultipartFormDataContent { { new ByteArrayContent(clip), "audio", "clip.wav" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, body);
        using var answer = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(corpus.LabelSets[0].Classes.Order(), answer.RootElement.GetProperty("probabilities").EnumerateObject().Select(p => p.Name).Order());
        var unknown = await admin.PostAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.PredictUrl(corpusId, jobId.Value + 999)}",
            new MultipartFormDataContent { { new ByteArrayContent(clip), "audio", "clip.wav" } });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        // A corrupt upload is refused naming the member's file, never where the server put it.
        var corrupt = await admin.PostAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.PredictUrl(corpusId, jobId.Value)}",
            new MultipartFormDataContent { { new ByteArrayContent(clip[..30]), "audio", "cut.wav" } });
        var refusal = await corrupt.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, corrupt.StatusCode);
        Assert.Contains("'cut.wav'", refusal);
        Assert.DoesNotContain("/tmp/", refusal);
        Assert.DoesNotContain(portal.Folder, refusal);
    }

    [Fact]
    public async Task PredictTheRest_PredictsOnlyUnlabelledClips_AndAnAcceptedPredictionStaysTheModels()
    {
        _ = portal.Server;
        var generated = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "half"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.8));
        // Half the clips keep their labels; a hostile clip id must stay text in the CSV export.
        var corpus = generated with
        {
            Utterances = [.. generated.Utterances.Select((u, i) => i % 2 == 0 ? u : u with { Label = null, Id = i == 1 ? "=HYPERLINK(\"http://evil\")" : u.Id })],
        };
        var unlabelled = corpus.Utterances.Where(u => u.Label is null).Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        await using var editor = await SignedInScope.MemberAsync(portal, "predictor@lab.test", WorkspaceRole.Editor);
        await using var viewer = await SignedInScope.MemberAsync(portal, "onlooker@lab.test", WorkspaceRole.Viewer);
        var service = editor.Get<LabelledModelService>();
        var (trainJob, _) = await service.TrainAsync(corpusId, corpus.LabelSets[0].Name, "egemaps", MethodNames.Supervised, null, epochs: 5);
        Assert.Equal(JobState.Succeeded, (await JobWaiting.UntilFinishedAsync(portal, trainJob!.Value)).State);

        Assert.Empty((await service.ListPredictingAsync(corpusId))!); // no least-confident order to offer before it predicts
        Assert.Contains("Only editors", Assert.Single((await viewer.Get<LabelledModelService>().PredictRestAsync(corpusId, trainJob.Value)).Problems));
        Assert.Contains("no model trained by job", Assert.Single((await service.PredictRestAsync(corpusId, trainJob.Value + 77)).Problems));
        var (predictJob, problems) = await service.PredictRestAsync(corpusId, trainJob.Value);
        Assert.Empty(problems);
        var job = await JobWaiting.UntilFinishedAsync(portal, predictJob!.Value);
        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}\n{job.Log}");

        var predictions = (await service.PredictionsAsync(corpusId, trainJob.Value))!;
        Assert.Equal(unlabelled, predictions.Clips.Select(c => c.ClipId).Order(StringComparer.Ordinal));
        Assert.All(predictions.Clips, c =>
        {
            Assert.Equal(1.0, c.Probabilities.Sum(), 6);
            Assert.Equal(c.Probabilities.Max(), c.Confidence, 12);
            Assert.Equal(corpus.LabelSets[0].Classes[c.Probabilities.ToList().IndexOf(c.Probabilities.Max())], c.Predicted);
            Assert.InRange(c.Margin, 0, c.Confidence);
        });
        Assert.NotNull(Assert.Single((await service.ListAsync(corpusId))!).Predictions);
        Assert.Equal(trainJob.Value, Assert.Single((await service.ListPredictingAsync(corpusId))!).JobId);
        Assert.Null(await service.ListPredictingAsync(424242));

        // The CSV: least confident first, one probability column per class, the hostile id neutralised.
        var admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var csv = await admin.GetStringAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.PredictionsCsvUrl(corpusId, trainJob.Value)}");
        var lines = csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"clip,predicted,confidence,margin,{string.Join(",", corpus.LabelSets[0].Classes.Select(c => $"p_{c}"))}", lines[0]);
        Assert.Equal(unlabelled.Count + 1, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(\"\"http://evil\"\")\",", StringComparison.Ordinal));
        var margins = lines.Skip(1).Select(l => double.Parse(l.Split(',')[^(corpus.LabelSets[0].Classes.Count + 1)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(margins.Order(), margins);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.DownloadUrl(corpusId, trainJob.Value)}")).StatusCode);

        // Accepting a prediction records the model's label apart from people's: training sets still see the clip unlabelled.
        var first = predictions.LeastConfidentFirst.First();
        Assert.False((await viewer.Get<LabelledModelService>().AcceptAsync(corpusId, trainJob.Value, first.ClipId)).Done);
        var accepted = await service.AcceptAsync(corpusId, trainJob.Value, first.ClipId);
        Assert.True(accepted.Done, accepted.Message);
        Assert.False((await service.AcceptAsync(corpusId, trainJob.Value, corpus.Utterances[0].Id)).Done); // a labelled clip was never predicted
        var stored = (await portal.Get<CorpusRepository>().LoadAsync(corpusId))!.Utterances.Single(u => u.Id == first.ClipId);
        Assert.Null(stored.Label);
        await using (var db = await portal.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<PairwiseCL.Store.PortalDbContext>>().CreateDbContextAsync())
        {
            var entity = db.Utterances.Single(u => u.CorpusId == corpusId && u.Key == first.ClipId);
            Assert.Equal(first.Predicted, entity.ModelLabel);
            Assert.Null(entity.Label);
            var recorded = db.LabelEvents.Single(e => e.UtteranceId == entity.Id);
            Assert.Equal(LabelSource.Model, recorded.Source);
            Assert.Equal(first.Predicted, recorded.Label);
        }

        // Exports keep them apart: the labels CSV has the person's label and the accepted prediction in separate columns,
        // the history says the event's source was the model.
        var labelsCsv = (await admin.GetStringAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.LabelsCsvUrl(corpusId)}")).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("clip,speaker,session,label,accepted_prediction", labelsCsv[0]);
        Assert.EndsWith($",,{first.Predicted}", Assert.Single(labelsCsv, l => l.StartsWith(first.ClipId.StartsWith('=') ? "\"'" : first.ClipId + ",", StringComparison.Ordinal)));
        Assert.Contains(labelsCsv, l => l.StartsWith("\"'=HYPERLINK(", StringComparison.Ordinal));
        var history = (await admin.GetStringAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.LabelEventsCsvUrl(corpusId)}")).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("at_utc,clip,previous_label,label,source,strategy,queue_position,encoder_set,annotator", history[0]);
        Assert.Contains($",{first.Predicted},model,prediction of model #{trainJob.Value},,,predictor@lab.test", Assert.Single(history.Skip(1), l => l.Length > 0));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.LabelsCsvUrl(424242)}")).StatusCode);

        // The labelling queue's least-confident order: the open clips by the model's margin, with its doubt as the reason.
        var queue = (await editor.Get<PairwiseCL.Web.Labelling.LabellingService>().GetQueueAsync(corpusId))!;
        var ranked = (await service.LeastConfidentAsync(corpusId, trainJob.Value, queue.LabelSet!, queue.Items))!;
        Assert.Equal(predictions.LeastConfidentFirst.Select(c => c.ClipId), ranked.Keys);
        Assert.StartsWith("model unsure: ", ranked.Reasons[ranked.Keys[0]]);

        // A new model learns from people's labels alone unless asked; asked, the accepted prediction trains it too, outside the estimate.
        var labelledCount = corpus.Utterances.Count(u => u.Label is not null);
        foreach (var withAccepted in new[] { false, true })
        {
            var (retrained, refused) = await service.TrainAsync(corpusId, corpus.LabelSets[0].Name, "egemaps", MethodNames.Supervised, null, epochs: 3,
                withAcceptedPredictions: withAccepted);
            Assert.Empty(refused);
            var ended = await JobWaiting.UntilFinishedAsync(portal, retrained!.Value);
            Assert.True(ended.State == JobState.Succeeded, $"{ended.State}: {ended.Error}\n{ended.Log}");
            var record = (await service.FindAsync(corpusId, retrained.Value))!.Value.Record;
            Assert.Equal((labelledCount, withAccepted ? 1 : 0), (record.Clips, record.AcceptedPredictions));
            Assert.Equal(labelledCount, record.Estimate.ConfusionMatrix.Sum(r => r.Sum()));
            Assert.Equal(withAccepted, ended.Log!.Contains("and 1 accepted prediction;", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ALateFusion_KeepsOneModelPerView_AndPredictsTheMeanOfTheirProbabilities()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "fusion"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.8));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus with { Utterances = [.. corpus.Utterances.Select((u, i) => i % 3 == 0 ? u with { Label = null } : u)] });
        await using var editor = await SignedInScope.MemberAsync(portal, "fuser@lab.test", WorkspaceRole.Editor);
        var service = editor.Get<LabelledModelService>();
        Assert.Contains("Choose each view once.", (await service.TrainAsync(corpusId, corpus.LabelSets[0].Name, "egemaps+egemaps", MethodNames.Supervised, null, 3)).Problems);

        var (jobId, problems) = await service.TrainAsync(corpusId, corpus.LabelSets[0].Name, "egemaps+mel", MethodNames.Supervised, null, epochs: 3);
        Assert.Empty(problems);
        var job = await JobWaiting.UntilFinishedAsync(portal, jobId!.Value);
        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}\n{job.Log}");
        var (folder, record) = (await service.FindAsync(corpusId, jobId.Value))!.Value;
        Assert.Equal(("egemaps+mel", "egemaps+mel-supervised"), (record.View, record.Name));
        var viewFolders = LabelledModelFolder.ViewFolders(folder);
        Assert.Equal(["egemaps", "mel"], viewFolders.Select(f => ModelFiles.ReadConfiguration(f).View));

        // The fused answer is the mean of what each view's model says on its own.
        var clipPath = corpus.ResolveAudioPath(corpus.Utterances[1]);
        var single = viewFolders.Select(f =>
        {
            using var predictor = PairwiseCL.Core.Models.EmotionPredictor.Open(f);
            return predictor.Predict(clipPath);
        }).ToList();
        var admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var response = await admin.PostAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.PredictUrl(corpusId, jobId.Value)}",
            new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(clipPath)), "audio", "clip.wav" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var answer = System.Text.Json.JsonDocument.Parse(body);
        foreach (var c in corpus.LabelSets[0].Classes)
            Assert.Equal(single.Average(p => p.Probabilities[c]), answer.RootElement.GetProperty("probabilities").GetProperty(c).GetDouble(), 5);

        // Predict the rest and the download work on the fusion too.
        var (predictJob, _) = await service.PredictRestAsync(corpusId, jobId.Value);
        Assert.Equal(JobState.Succeeded, (await JobWaiting.UntilFinishedAsync(portal, predictJob!.Value)).State);
        Assert.Equal((corpus.Utterances.Count + 2) / 3, (await service.PredictionsAsync(corpusId, jobId.Value))!.Clips.Count);
        using var zip = new System.IO.Compression.ZipArchive(await admin.GetStreamAsync($"/{PairwiseCL.Web.Apis.CorpusModelsApi.DownloadUrl(corpusId, jobId.Value)}"));
        Assert.Equal(["egemaps+mel-supervised/views/egemaps/model.bin", "egemaps+mel-supervised/views/egemaps/model.json",
            "egemaps+mel-supervised/views/mel/model.bin", "egemaps+mel-supervised/views/mel/model.json"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ViewersAndImpossibleRequests_AreRefusedWithTheReason()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "tiny"),
            new SyntheticCorpusOptions(Sessions: 2, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 1, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        await using var viewer = await SignedInScope.MemberAsync(portal, "viewer@lab.test", WorkspaceRole.Viewer);
        await using var editor = await SignedInScope.MemberAsync(portal, "editor2@lab.test", WorkspaceRole.Editor);

        Assert.Contains("Only editors", Assert.Single((await viewer.Get<LabelledModelService>().TrainAsync(corpusId, "synthetic", "egemaps", MethodNames.Supervised, null, 5)).Problems));
        var (jobId, problems) = await editor.Get<LabelledModelService>().TrainAsync(corpusId, "synthetic", "../mel", MethodNames.PairwiseTuned, "../../etc", 0);
        Assert.Null(jobId);
        Assert.Contains(problems, p => p.Contains("'../mel'"));
        Assert.Contains(problems, p => p.Contains("not an encoder set"));
        Assert.Contains(problems, p => p.Contains("Epochs"));
        var (_, withoutSet) = await editor.Get<LabelledModelService>().TrainAsync(corpusId, "synthetic", "egemaps", MethodNames.PairwiseTuned, null, 5);
        Assert.Contains("starts from a pre-trained encoder", Assert.Single(withoutSet));
        Assert.Contains("no corpus #424242", Assert.Single((await editor.Get<LabelledModelService>().TrainAsync(424242, "synthetic", "egemaps", MethodNames.Supervised, null, 5)).Problems));
    }
}
