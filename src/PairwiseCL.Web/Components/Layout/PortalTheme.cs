using MudBlazor;

namespace PairwiseCL.Web.Components.Layout;

/// <summary>The portal's colours: the logo's navy and amber.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e3a5f",
            Secondary = "#ffb347",
            AppbarBackground = "#1e3a5f",
        },
    };
}
