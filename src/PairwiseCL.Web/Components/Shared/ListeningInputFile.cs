using Microsoft.AspNetCore.Components.Forms;

namespace PairwiseCL.Web.Components.Shared;

/// <summary>
/// Blazor's <see cref="InputFile"/> that stays disabled until the server listens to it. InputFile starts listening for
/// the browser's file choice only in a script call after its first interactive render, which can trail the page's
/// first render on a loaded server (a tab or a list that renders its content a moment later); a file chosen before
/// then was silently ignored. Until that call has returned the input is disabled and says
/// <c>data-listening="no"</c>; then <c>"yes"</c> (and the caller's own <c>disabled</c> applies).
/// </summary>
public sealed class ListeningInputFile : InputFile
{
    private bool listening;
    // The caller's attributes as it last gave them (its disabled among them), before this component's own.
    private IDictionary<string, object>? given;

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        given = AdditionalAttributes;
        AdditionalAttributes = WithListening();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The base's first call sets up the browser's listener and returns once it has.
        await base.OnAfterRenderAsync(firstRender);
        if (!firstRender) return;
        listening = true;
        AdditionalAttributes = WithListening();
        StateHasChanged();
    }

    // A copy: the dictionary is the caller's.
    private Dictionary<string, object> WithListening()
    {
        var merged = given is null ? new Dictionary<string, object>() : new Dictionary<string, object>(given);
        merged["data-listening"] = listening ? "yes" : "no";
        if (!listening) merged["disabled"] = true;
        return merged;
    }
}
