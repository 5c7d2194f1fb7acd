namespace PairwiseCL.Store.Entities;

/// <summary>Who decided a label: a person, or a model's prediction that a person accepted.</summary>
public enum LabelSource
{
    Human = 0,
    Model = 1,
}
