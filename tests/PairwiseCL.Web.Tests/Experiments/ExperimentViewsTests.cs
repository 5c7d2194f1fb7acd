using Microsoft.Extensions.Options;
using PairwiseCL.Core.Views.Wav2Vec2;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Tests.Experiments;

public sealed class ExperimentViewsTests
{
    [Fact]
    public void Wav2Vec2_IsOfferedOnlyWhenACheckpointIsConfigured()
    {
        var without = new ExperimentViews(Options.Create(new Wav2Vec2ViewOptions()));
        var with = new ExperimentViews(Options.Create(new Wav2Vec2ViewOptions { ModelPath = "/models/wav2vec2_base.pth" }));

        Assert.Contains("mel", without.Available);
        Assert.DoesNotContain(ExperimentViews.Wav2Vec2, without.Available);
        Assert.Contains(ExperimentViews.Wav2Vec2, with.Available);
        // The form shows it disabled, saying what enables it.
        var shown = Assert.Single(without.Unavailable);
        Assert.Equal(ExperimentViews.Wav2Vec2, shown.Name);
        Assert.Equal("set Wav2Vec2:ModelPath (README)", shown.Remedy);
        Assert.Empty(with.Unavailable);
        var refused = Assert.Throws<InvalidOperationException>(() => without.Open(ExperimentViews.Wav2Vec2, CancellationToken.None));
        Assert.Contains("Wav2Vec2:ModelPath", refused.Message);
        Assert.Equal("mel", without.Open("mel", CancellationToken.None).Name);
    }
}
