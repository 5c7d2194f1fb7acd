using Microsoft.Playwright;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>The form fields of browser tests by their data-testid: MudBlazor puts the id on the input or on its wrapper.</summary>
internal static class FormFields
{
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>Types a value and leaves the field, so the form binds it.</summary>
    public static async Task FillAsync(IPage page, string testId, string value)
    {
        var field = Input(page, testId);
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }
}
