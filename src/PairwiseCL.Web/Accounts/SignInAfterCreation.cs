namespace PairwiseCL.Web.Accounts;

/// <summary>
/// After setup or registration the sign-in page confirms the new account and fills in its e-mail. The e-mail
/// travels in the query (never the password) and is used only when it still looks like one, so a crafted link
/// can prefill nothing but a plausible address (Blazor encodes it where it is rendered).
/// </summary>
public static class SignInAfterCreation
{
    private const int MaxEmailLength = 254; // RFC 5321's path limit

    public static string Url(string? email) =>
        Prefill(email) is { Length: > 0 } valid ? $"Account/Login?created=1&email={Uri.EscapeDataString(valid)}" : "Account/Login?created=1";

    /// <summary>The e-mail to put in the field, or "" when it is absent or not an e-mail address.</summary>
    public static string Prefill(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        return trimmed.Length is > 2 and <= MaxEmailLength && trimmed.IndexOf('@') is > 0 and var at && at < trimmed.Length - 1
               && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"')
            ? trimmed
            : "";
    }
}
