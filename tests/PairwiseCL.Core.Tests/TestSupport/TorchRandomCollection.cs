namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>
/// Tests that seed torch's global random generator (manual_seed) or train with it: run one at a time, since
/// a test training in parallel would draw from the same generator and break another's reproducibility check.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchRandomCollection
{
    public const string Name = "torch global random generator";
}
