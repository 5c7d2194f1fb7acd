using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Tests.Experiments;

public sealed class ExperimentNamesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 6, 44, 0, DateTimeKind.Utc);

    [Fact]
    public void TheSuggestedName_FollowsTheCorpusPicked_UntilTheResearcherTypesOne()
    {
        var name = ExperimentNames.Suggest("", null, "EmoDB", Now, out var suggestion);
        Assert.Equal("EmoDB 2026-12-03 06:44", name);

        name = ExperimentNames.Suggest(name, suggestion, "emodb-dev", Now, out suggestion);
        Assert.Equal("emodb-dev 2026-12-03 06:44", name);

        name = ExperimentNames.Suggest("mel vs egemaps", suggestion, "synthetic-demo", Now, out suggestion);
        Assert.Equal("mel vs egemaps", name);
        Assert.Equal("emodb-dev 2026-12-03 06:44", suggestion);
    }
}
