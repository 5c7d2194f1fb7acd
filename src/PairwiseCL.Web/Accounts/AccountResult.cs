namespace PairwiseCL.Web.Accounts;

/// <summary>Outcome of an account operation; <see cref="Errors"/> are shown to the user as they are.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static AccountResult Success { get; } = new(true, []);

    public static AccountResult Failure(params string[] errors) => new(false, errors);
}
