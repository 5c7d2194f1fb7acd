namespace PairwiseCL.Store.Entities;

/// <summary>A named value that belongs to the store as a whole (e.g. the identity of the data folder it was created with).</summary>
public sealed class StoreSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
