using System.Net;
using System.Text.RegularExpressions;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>Fills in the portal's server-rendered forms the way a browser does, anti-forgery token included.</summary>
public static partial class Browser
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await SubmitFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Signs out through the app bar's form, with the token the signed-in page carries.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client) =>
        await SubmitFormAsync(client, "/corpora", "logout", new() { ["ReturnUrl"] = "/" }, postUrl: "/Account/Logout");

    /// <summary>
    /// GETs the page, then POSTs the named form with the page's anti-forgery token and the given fields
    /// (to <paramref name="postUrl"/> when the form posts elsewhere).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No anti-forgery token on {url}.");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(postUrl ?? url, new FormUrlEncodedContent(form));
    }

    public static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)
            : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
