using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.Tests.Models;

public sealed class ParameterCountTests
{
    [Fact]
    public void TableCountsFrozenAndTrainableParametersPerSetup()
    {
        var rows = ParameterCount.Table(ModelArchitecture.Paper, [ViewNames.Egemaps, ViewNames.Wav2Vec2], classes: 4);

        const long egemapsEncoder = 88 * 256 + 256 + 256 * 128 + 128;
        const long classifier = 128 * 4 + 4;
        const long wav2vecEncoder = 13 + 768 * 128 + 128 + 128 * 128 + 128;
        const long head = 128 * 256 + 256 + 256 * 128 + 128;
        Assert.Contains(new ParameterCount("egemaps", ParameterCount.Supervised, 0, egemapsEncoder + classifier), rows);
        Assert.Contains(new ParameterCount("egemaps", ParameterCount.FineTuneFrozen, egemapsEncoder, classifier), rows);
        Assert.Contains(new ParameterCount("wav2vec2", ParameterCount.FineTuneFrozen, 94_400_000 + wav2vecEncoder, classifier), rows);
        Assert.Contains(new ParameterCount("wav2vec2", ParameterCount.FineTuneTuned, 94_400_000, wav2vecEncoder + classifier), rows);
        Assert.Contains(new ParameterCount("egemaps+wav2vec2", ParameterCount.Pretraining, 94_400_000, egemapsEncoder + wav2vecEncoder + 2 * head), rows);
    }
}
