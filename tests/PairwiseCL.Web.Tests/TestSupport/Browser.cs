using System.Net;
using System.Text.RegularExpressions;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>Fills in the portal's server-rendered forms the way a browser does, anti-forgery token included.</summary>
public static partial class Browser
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await SubmitFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>GETs the page, then POSTs the named Blazor form with its anti-forgery token and the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
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
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)
            : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
