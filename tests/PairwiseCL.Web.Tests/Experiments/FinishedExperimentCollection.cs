namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>Test classes that read the one finished experiment share it instead of training it again.</summary>
[CollectionDefinition(Name)]
public sealed class FinishedExperimentCollection : ICollectionFixture<FinishedExperiment>
{
    public const string Name = "finished experiment";
}
