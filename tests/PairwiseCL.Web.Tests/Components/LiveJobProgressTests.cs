using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PairwiseCL.Web.Components.Jobs;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.Tests.Components;

public sealed class LiveJobProgressTests : BunitContext
{
    private readonly JobProgressFeed feed = new();

    public LiveJobProgressTests()
    {
        Services.AddMudServices();
        Services.AddSingleton(feed);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void StoredProgress_IsShownAsStageUnitsAndTimeLeft()
    {
        var stored = JsonSerializer.Serialize(new ExperimentProgress("training", 3, 12, "fold 1/3: mel supervised", 95));

        var view = Render<LiveJobProgress>(p => p.Add(c => c.JobId, 7).Add(c => c.StoredJson, stored));

        Assert.Contains("fold 1/3: mel supervised", view.Find(".pcl-progress-step").TextContent);
        Assert.Contains("training: 3 / 12 about 1 min 35 s left", Normalise(view.Find(".pcl-progress-units").TextContent));
        Assert.Empty(view.FindAll(".pcl-progress-epoch"));
    }

    [Fact]
    public void PublishedEpochs_ArePushedToThePage_WithLossesUarAndCurve()
    {
        var view = Render<LiveJobProgress>(p => p.Add(c => c.JobId, 7).Add(c => c.StoredJson, null));
        Assert.Empty(view.FindAll(".pcl-job-progress"));

        feed.Publish(7, new ExperimentProgress("training", 1, 4, "fold 1/3: pre-training", 40,
            [new EpochPoint("pretrain", 1, 5, 1.25, 1.5, null), new EpochPoint("pretrain", 2, 5, 1.0, 1.125, 0.375)]));
        feed.Publish(8, new ExperimentProgress("training", 9, 9, "another job", 0));

        view.WaitForAssertion(() =>
        {
            var epoch = Normalise(view.Find(".pcl-progress-epoch").TextContent);
            Assert.Equal("pretrain epoch 2 / 5 · training loss 1.000 · validation loss 1.125 · validation UAR 0.375", epoch);
            Assert.Contains("1 / 4", view.Find(".pcl-progress-units").TextContent);
            // The curve's vertical axis reads in loss units, the horizontal one in epochs.
            var axis = view.FindAll(".pcl-loss-curve svg text").Select(t => t.TextContent.Trim()).ToList();
            Assert.Contains("1.50", axis);
            Assert.Contains("2", axis);
            Assert.DoesNotContain(axis, label => label.Contains("1500"));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void FinishedJob_FallsBackToItsStoredRecord()
    {
        var stored = JsonSerializer.Serialize(new ExperimentProgress("training", 4, 4, "done", 0));
        feed.Publish(7, new ExperimentProgress("training", 2, 4, "fold 2/3: mel supervised", 10));
        var view = Render<LiveJobProgress>(p => p.Add(c => c.JobId, 7).Add(c => c.StoredJson, stored));
        Assert.Contains("fold 2/3", view.Find(".pcl-progress-step").TextContent);

        feed.Complete(7);

        view.WaitForAssertion(() => Assert.Equal("done", view.Find(".pcl-progress-step").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("""{"Stage":"stored","Done":16,"Total":16}""", "16 clips stored")]
    [InlineData("""{"Stage":"importing","Done":5,"Total":16}""", "importing: 5 of 16")]
    [InlineData("""{"Checked":2,"Total":5,"Missing":1}""", "2 of 5 audio files checked, 1 missing")]
    [InlineData("""{"waiting":true}""", "waiting: true")]
    public void ProgressOfOtherJobKinds_IsASentence_NotItsJson(string stored, string shown)
    {
        var view = Render<LiveJobProgress>(p => p.Add(c => c.JobId, 3).Add(c => c.StoredJson, stored));

        Assert.Empty(view.FindAll(".pcl-job-progress"));
        Assert.Empty(view.FindAll("code"));
        Assert.Equal(shown, view.Markup.Contains('{') ? "raw JSON" : Normalise(view.Find(".mud-typography").TextContent));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
